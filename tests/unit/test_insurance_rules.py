"""The 医保 centre's settlement rules (integrations/insurance/rules.py), one rule at a time, then
the invariants over many generated bills and every way to refund small lines."""

from __future__ import annotations

import itertools
import random

import msgspec
import pytest
from yiqiao.integrations.insurance.rules import (
    DEFAULT_OUTPATIENT,
    GroupPolicy,
    LevelPolicy,
    Line,
    LineShare,
    Rules,
    Standing,
    VisitPolicy,
    allocate,
    compute_shares,
    refund_line,
    refunded_shares,
)


def lp(deductible_fen: int, ratio_pct: int) -> LevelPolicy:
    return LevelPolicy(deductible_fen=deductible_fen, ratio_bp=ratio_pct * 100)


def group(
    deductible_fen: int = 0, primary: int = 90, secondary: int = 80, tertiary: int = 70, cap: int = 10**9
) -> GroupPolicy:
    return GroupPolicy(
        primary=lp(deductible_fen, primary),
        secondary=lp(deductible_fen, secondary),
        tertiary=lp(deductible_fen, tertiary),
        annual_cap_fen=cap,
    )


def rules(
    *,
    deductible_fen: int = 0,
    cap: int = 10**9,
    b_first_self_pct: int = 10,
    account_pays_uncovered: bool = False,
) -> Rules:
    visit = VisitPolicy(
        employee=group(deductible_fen, cap=cap),
        resident=group(deductible_fen, primary=70, secondary=60, tertiary=50, cap=cap),
    )
    return Rules(
        b_first_self_bp=b_first_self_pct * 100,
        outpatient=visit,
        inpatient=visit,
        account_pays_uncovered=account_pays_uncovered,
    )


def bill(*lines: tuple[int, str]) -> list[Line]:
    return [Line(line_no=i + 1, amount_fen=a, insurance_class=c) for i, (a, c) in enumerate(lines)]  # type: ignore[arg-type]


def shares(
    r: Rules,
    lines: list[Line],
    *,
    insured: str = "employee",
    level: str = "secondary",
    visit: str = "outpatient",
    standing: Standing | None = None,
    use_account: bool = False,
):  # type: ignore[no-untyped-def]
    return compute_shares(
        r,
        lines=lines,
        insured_type=insured,  # type: ignore[arg-type]
        level=level,  # type: ignore[arg-type]
        visit_type=visit,  # type: ignore[arg-type]
        standing=standing or Standing(),
        use_account=use_account,
    )


def test_class_a_is_covered_in_full_at_the_ratio():
    s = shares(rules(), bill((10_000, "A")))
    assert (s.eligible_fen, s.fund_fen, s.account_fen, s.cash_fen) == (10_000, 8_000, 0, 2_000)
    assert s.first_self_pay_fen == 0 and s.uncovered_fen == 0 and not s.capped and s.ratio_bp == 8000


def test_class_b_first_leaves_its_first_self_pay_share_to_the_patient():
    s = shares(rules(), bill((10_000, "B")))
    assert s.first_self_pay_fen == 1_000 and s.eligible_fen == 9_000
    assert s.fund_fen == 7_200 and s.cash_fen == 2_800


def test_class_b_first_self_pay_rounds_up_so_the_covered_part_rounds_down():
    assert shares(rules(), bill((15, "B"))).first_self_pay_fen == 2  # 1.5 -> 2
    assert shares(rules(), bill((1, "B"))).first_self_pay_fen == 1  # 0.1 -> 1
    assert shares(rules(), bill((10, "B"))).first_self_pay_fen == 1  # exact
    assert shares(rules(b_first_self_pct=0), bill((15, "B"))).first_self_pay_fen == 0


@pytest.mark.parametrize("cls", ["C", "self"])
def test_class_c_and_self_pay_items_are_not_covered(cls: str):
    s = shares(rules(), bill((4_321, cls)))
    assert s.uncovered_fen == 4_321 and s.eligible_fen == 0 and s.fund_fen == 0 and s.cash_fen == 4_321


def test_the_deductible_comes_first_and_only_what_is_left_of_it_this_year():
    r = rules(deductible_fen=30_000)
    first = shares(r, bill((20_000, "A")))
    assert first.deductible_fen == 20_000 and first.fund_fen == 0 and first.cash_fen == 20_000
    second = shares(r, bill((20_000, "A")), standing=Standing(deductible_used_fen=20_000))
    assert second.deductible_fen == 10_000 and second.fund_fen == 8_000 and second.cash_fen == 12_000
    met = shares(r, bill((20_000, "A")), standing=Standing(deductible_used_fen=99_999))
    assert met.deductible_fen == 0 and met.fund_fen == 16_000


def test_the_deductible_is_used_up_in_line_order_and_never_on_uncovered_lines():
    s = shares(rules(deductible_fen=1_500), bill((1_000, "C"), (1_000, "A"), (1_000, "B")))
    by_line = {line.line_no: line for line in s.lines}
    assert by_line[1].deductible_fen == 0
    assert by_line[2].deductible_fen == 1_000
    assert by_line[3].deductible_fen == 500  # of its 900 covered
    assert s.deductible_fen == 1_500


def test_a_township_clinic_pays_more_than_the_county_hospital_and_employees_more_than_residents():
    b = bill((10_000, "A"))
    r = Rules()
    assert r.outpatient.employee.primary.ratio_bp > r.outpatient.employee.secondary.ratio_bp
    met = Standing(deductible_used_fen=10**7)
    township = shares(r, b, level="primary", standing=met)
    county = shares(r, b, level="secondary", standing=met)
    assert township.fund_fen > county.fund_fen
    resident = shares(r, b, level="secondary", insured="resident", standing=met)
    assert resident.fund_fen < county.fund_fen
    assert (township.fund_fen, county.fund_fen, resident.fund_fen) == (9_000, 8_000, 6_000)


def test_inpatient_and_outpatient_have_their_own_policies():
    r = Rules()
    met = Standing(deductible_used_fen=10**7)
    out = shares(r, bill((10_000, "A")), visit="outpatient", standing=met)
    inp = shares(r, bill((10_000, "A")), visit="inpatient", standing=met)
    assert (out.fund_fen, inp.fund_fen) == (8_000, 9_000)


def test_the_annual_cap_cuts_the_fund_and_the_rest_is_the_patients():
    r = rules(cap=100_000)
    near = shares(r, bill((10_000, "A")), standing=Standing(fund_paid_fen=95_000))
    assert near.fund_fen == 5_000 and near.capped and near.cash_fen == 5_000
    exhausted = shares(r, bill((10_000, "A")), standing=Standing(fund_paid_fen=100_000))
    assert exhausted.fund_fen == 0 and exhausted.capped and exhausted.cash_fen == 10_000
    beyond = shares(r, bill((10_000, "A")), standing=Standing(fund_paid_fen=120_000))
    assert beyond.fund_fen == 0
    under = shares(r, bill((10_000, "A")), standing=Standing(fund_paid_fen=92_000))
    assert under.fund_fen == 8_000 and not under.capped


def test_fund_share_rounds_down_to_the_fen_and_the_remainder_is_self_pay():
    s = shares(rules(), bill((333, "A")))  # 333 × 80% = 266.4
    assert s.fund_fen == 266 and s.cash_fen == 67
    # Rounded on the bill, not per line: three lines of 111 give the same 266 (not 3 × 88 = 264).
    s3 = shares(rules(), bill((111, "A"), (111, "A"), (111, "A")))
    assert s3.fund_fen == 266 and sorted(line.fund_fen for line in s3.lines) == [88, 89, 89]


def test_the_personal_account_pays_the_patients_share_of_covered_lines_up_to_its_balance():
    r = rules()
    b = bill((10_000, "A"), (5_000, "C"))
    full = shares(r, b, standing=Standing(account_balance_fen=100_000), use_account=True)
    assert full.fund_fen == 8_000 and full.account_fen == 2_000 and full.cash_fen == 5_000
    assert full.lines[1].account_fen == 0  # a 丙类 line is not paid from the account
    short = shares(r, b, standing=Standing(account_balance_fen=1_234), use_account=True)
    assert short.account_fen == 1_234 and short.cash_fen == 2_000 - 1_234 + 5_000
    declined = shares(r, b, standing=Standing(account_balance_fen=100_000), use_account=False)
    assert declined.account_fen == 0
    anything = shares(
        rules(account_pays_uncovered=True),
        b,
        standing=Standing(account_balance_fen=100_000),
        use_account=True,
    )
    assert anything.account_fen == 7_000 and anything.cash_fen == 0


def test_residents_have_no_personal_account():
    s = shares(
        rules(),
        bill((10_000, "A")),
        insured="resident",
        standing=Standing(account_balance_fen=50_000),
        use_account=True,
    )
    assert s.account_fen == 0 and s.cash_fen == 4_000


def test_the_account_fills_lines_in_order():
    s = shares(
        rules(),
        bill((1_000, "A"), (1_000, "B"), (1_000, "A")),
        standing=Standing(account_balance_fen=300),
        use_account=True,
    )
    assert [line.account_fen for line in s.lines] == [200, 100, 0]


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [Line(line_no=1, amount_fen=-1, insurance_class="A")],
        [
            Line(line_no=1, amount_fen=1, insurance_class="A"),
            Line(line_no=1, amount_fen=2, insurance_class="A"),
        ],
        [Line(line_no=1, amount_fen=1, insurance_class="D")],  # type: ignore[arg-type]
        [Line(line_no=1, amount_fen=1.5, insurance_class="A")],  # type: ignore[arg-type]
        [Line(line_no=1, amount_fen=True, insurance_class="A")],
    ],
)
def test_bad_bills_are_refused(lines: list[Line]):
    with pytest.raises(ValueError):
        shares(rules(), lines)


def test_negative_standing_is_refused():
    with pytest.raises(ValueError):
        shares(rules(), bill((100, "A")), standing=Standing(account_balance_fen=-1))


def test_a_zero_line_is_allowed_and_shares_nothing():
    s = shares(rules(), bill((0, "A"), (1_000, "A")))
    assert s.lines[0].fund_fen == 0 and s.lines[0].cash_fen == 0 and s.fund_fen == 800


def test_rules_come_from_json_with_defaults_and_refuse_nonsense():
    r = msgspec.json.decode(b'{"b_first_self_bp": 2000}', type=Rules)
    assert r.b_first_self_bp == 2000 and r.outpatient == DEFAULT_OUTPATIENT
    assert msgspec.json.decode(msgspec.json.encode(Rules()), type=Rules) == Rules()
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(b'{"b_first_self_bp": 10001}', type=Rules)
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(b'{"b_first_self_ratio": 0.1}', type=Rules)
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(
            b'{"outpatient": {"employee": {"primary": {"deductible_fen": -1, "ratio_bp": 1}}}}', type=Rules
        )


def test_allocate_splits_exactly_and_never_over_a_weight():
    assert allocate(0, [1, 2]) == [0, 0]
    assert allocate(3, [1, 1, 1]) == [1, 1, 1]
    assert allocate(2, [1, 1, 1]) == [1, 1, 0]  # ties: earlier lines first
    assert allocate(5, [0, 10]) == [0, 5]
    assert allocate(0, []) == []
    with pytest.raises(ValueError):
        allocate(4, [1, 2])
    with pytest.raises(ValueError):
        allocate(1, [0, 0])
    rnd = random.Random(7)
    for _ in range(2_000):
        weights = [rnd.randint(0, 50) for _ in range(rnd.randint(1, 6))]
        total = rnd.randint(0, sum(weights))
        parts = allocate(total, weights)
        assert sum(parts) == total and all(0 <= p <= w for p, w in zip(parts, weights, strict=True))


def _random_case(rnd: random.Random) -> tuple[Rules, list[Line], dict[str, object]]:
    r = rules(
        deductible_fen=rnd.choice([0, 500, 5_000]),
        cap=rnd.choice([10**9, 3_000, 0]),
        b_first_self_pct=rnd.choice([0, 10, 15, 33]),
        account_pays_uncovered=rnd.random() < 0.3,
    )
    lines = bill(
        *[(rnd.randint(0, 9_999), rnd.choice(["A", "B", "C", "self"])) for _ in range(rnd.randint(1, 6))]
    )
    kw: dict[str, object] = {
        "insured": rnd.choice(["employee", "resident"]),
        "level": rnd.choice(["primary", "secondary", "tertiary"]),
        "standing": Standing(
            deductible_used_fen=rnd.randint(0, 6_000),
            fund_paid_fen=rnd.randint(0, 4_000),
            account_balance_fen=rnd.randint(0, 5_000),
        ),
        "use_account": rnd.random() < 0.5,
    }
    return r, lines, kw


def test_invariants_hold_for_many_bills():
    rnd = random.Random(20261122)
    for _ in range(3_000):
        r, lines, kw = _random_case(rnd)
        s = shares(r, lines, **kw)  # type: ignore[arg-type]
        st: Standing = kw["standing"]  # type: ignore[assignment]
        for line in s.lines:
            assert line.fund_fen + line.account_fen + line.cash_fen == line.amount_fen
            assert min(line.fund_fen, line.account_fen, line.cash_fen) >= 0
            if line.insurance_class in ("C", "self"):
                assert line.fund_fen == 0
                if not r.account_pays_uncovered:
                    assert line.account_fen == 0
            # the fund never pays the deductible or the first self-pay part
            assert (
                line.fund_fen
                <= line.amount_fen - line.first_self_pay_fen - line.uncovered_fen - line.deductible_fen
            )
        assert s.total_fen == sum(line.amount_fen for line in lines)
        assert s.fund_fen + s.account_fen + s.cash_fen == s.total_fen
        assert s.fund_fen == sum(line.fund_fen for line in s.lines)
        assert s.account_fen == sum(line.account_fen for line in s.lines) <= st.account_balance_fen
        if kw["insured"] == "resident" or not kw["use_account"]:
            assert s.account_fen == 0
        cap = r.outpatient.group(kw["insured"]).annual_cap_fen  # type: ignore[arg-type]
        assert s.fund_fen <= max(0, cap - st.fund_paid_fen)
        left = max(
            0, r.outpatient.group(kw["insured"]).level(kw["level"]).deductible_fen - st.deductible_used_fen
        )  # type: ignore[arg-type]
        assert s.deductible_fen == min(left, s.eligible_fen)
        reimbursable = s.eligible_fen - s.deductible_fen
        assert s.fund_fen <= reimbursable * s.ratio_bp // 10_000
        if not s.capped:
            assert s.fund_fen == reimbursable * s.ratio_bp // 10_000


def _line(amount: int, fund: int, account: int) -> LineShare:
    return LineShare(
        line_no=1,
        amount_fen=amount,
        insurance_class="A",
        first_self_pay_fen=0,
        uncovered_fen=0,
        deductible_fen=0,
        fund_fen=fund,
        account_fen=account,
        cash_fen=amount - fund - account,
    )


def test_a_whole_line_refund_gives_back_exactly_its_shares():
    line = _line(1_000, 700, 200)
    r = refund_line(line, refunded_fen=0, amount_fen=1_000)
    assert (r.fund_fen, r.account_fen, r.cash_fen) == (700, 200, 100)


def test_a_partial_refund_goes_back_in_proportion_rounding_insurance_down_fund_first():
    line = _line(3, 1, 1)
    r = refund_line(line, refunded_fen=0, amount_fen=1)
    assert (r.fund_fen, r.account_fen, r.cash_fen) == (0, 0, 1)  # 2/3 of a fen: rounded down
    r = refund_line(line, refunded_fen=1, amount_fen=1)
    assert (r.fund_fen, r.account_fen, r.cash_fen) == (1, 0, 0)  # the fund is made whole first
    r = refund_line(line, refunded_fen=2, amount_fen=1)
    assert (r.fund_fen, r.account_fen, r.cash_fen) == (0, 1, 0)
    half = refund_line(_line(1_000, 700, 200), refunded_fen=0, amount_fen=500)
    assert (half.fund_fen, half.account_fen, half.cash_fen) == (450, 0, 50)


def test_the_split_depends_only_on_how_much_went_back():
    line = _line(1_000, 613, 287)
    assert refunded_shares(line, 0) == (0, 0)
    assert refunded_shares(line, 1_000) == (613, 287)
    a = refund_line(line, refunded_fen=300, amount_fen=200)
    b1 = refund_line(line, refunded_fen=300, amount_fen=50)
    b2 = refund_line(line, refunded_fen=350, amount_fen=150)
    assert (a.fund_fen, a.account_fen) == (b1.fund_fen + b2.fund_fen, b1.account_fen + b2.account_fen)


def test_refunds_beyond_the_line_are_refused():
    line = _line(1_000, 700, 200)
    with pytest.raises(ValueError):
        refund_line(line, refunded_fen=900, amount_fen=101)
    with pytest.raises(ValueError):
        refund_line(line, refunded_fen=0, amount_fen=0)
    with pytest.raises(ValueError):
        refund_line(line, refunded_fen=-1, amount_fen=1)
    with pytest.raises(ValueError):
        refunded_shares(line, 1_001)


def _compositions(n: int) -> list[list[int]]:
    """Every way to refund ``n`` fen in positive steps (in order)."""
    out = []
    for cuts in itertools.product([0, 1], repeat=n - 1):
        parts, run = [], 1
        for c in cuts:
            if c:
                parts.append(run)
                run = 1
            else:
                run += 1
        parts.append(run)
        out.append(parts)
    return out


def test_every_sequence_of_refunds_of_small_lines_adds_up_to_the_shares_exactly():
    for amount in range(1, 8):
        steps_all = _compositions(amount)
        for fund in range(amount + 1):
            for account in range(amount - fund + 1):
                line = _line(amount, fund, account)
                for steps in steps_all:
                    rf = rfund = racc = 0
                    for step in steps:
                        r = refund_line(line, refunded_fen=rf, amount_fen=step)
                        assert min(r.fund_fen, r.account_fen, r.cash_fen) >= 0
                        assert r.fund_fen + r.account_fen + r.cash_fen == step
                        rf, rfund, racc = rf + step, rfund + r.fund_fen, racc + r.account_fen
                        assert rfund <= fund and racc <= account
                    assert (rfund, racc) == (fund, account)
