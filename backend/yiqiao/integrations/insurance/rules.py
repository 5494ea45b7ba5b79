"""How a 医保 centre splits a bill: one pure function, ``compute_shares``, and its refund twin,
``refund_line``. The local sandbox calls them with its own policy and the insured person's year so
far; the unit tests (tests/unit/test_insurance_rules.py) pin every rule down.

The rules, in the order they apply (all money integer fen, ratios in basis points, 10000 = 100%):

1. Catalogue class per line (医保目录): 甲 (``A``) is covered in full; 乙 (``B``) first leaves
   ``b_first_self_bp`` of its amount to the patient (乙类先行自付, rounded up to the fen, so the
   covered part is rounded down); 丙 (``C``) and ``self`` lines are not covered (全自费).
2. 起付线: the covered amounts (in line order) first use up what is left of this year's deductible
   for the visit type; the patient pays that part.
3. The fund (统筹基金) pays ``ratio_bp`` of the rest, by insured type (职工 ``employee`` / 居民
   ``resident``) and institution level (a township clinic, ``primary``, pays more than the county
   hospital, ``secondary``); rounded down to the fen, the remainder is the patient's.
4. 年度最高支付限额: the fund never pays more this year than the cap for the insured type and visit
   type; what the cap cuts off is the patient's.
5. 个人账户: when the patient chooses it and has one (employees), the personal account pays the
   patient's share of covered lines (and of uncovered lines only where the policy allows it), line
   by line, up to its balance. Cash (现金自付) is what is left.

Every line ends with ``fund + account + cash = amount``, and so does the whole bill."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

InsuredType = Literal["employee", "resident"]  # 职工 / 城乡居民
Level = Literal["primary", "secondary", "tertiary"]  # 一级 (乡镇卫生院, 社区) / 二级 (县医院) / 三级
VisitType = Literal["outpatient", "inpatient"]
CatalogueClass = Literal["A", "B", "C", "self"]

BP = 10_000
COVERED: tuple[str, ...] = ("A", "B")

Fen = Annotated[int, msgspec.Meta(ge=0)]
Ratio = Annotated[int, msgspec.Meta(ge=0, le=BP)]


class LevelPolicy(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    deductible_fen: Fen  # 起付线, per calendar year (Asia/Shanghai) and visit type
    ratio_bp: Ratio  # 报销比例 of the covered amount above the deductible


class GroupPolicy(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One insured type's policy for one visit type."""

    primary: LevelPolicy
    secondary: LevelPolicy
    tertiary: LevelPolicy
    annual_cap_fen: Fen  # 年度最高支付限额 of the fund

    def level(self, level: Level) -> LevelPolicy:
        policy: LevelPolicy = getattr(self, level)
        return policy


class VisitPolicy(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    employee: GroupPolicy
    resident: GroupPolicy

    def group(self, insured_type: InsuredType) -> GroupPolicy:
        policy: GroupPolicy = getattr(self, insured_type)
        return policy


def _lp(deductible_yuan: int, ratio_pct: int) -> LevelPolicy:
    return LevelPolicy(deductible_fen=deductible_yuan * 100, ratio_bp=ratio_pct * 100)


DEFAULT_OUTPATIENT = VisitPolicy(
    employee=GroupPolicy(
        primary=_lp(100, 90), secondary=_lp(300, 80), tertiary=_lp(600, 70), annual_cap_fen=6_000_00
    ),
    resident=GroupPolicy(
        primary=_lp(50, 70), secondary=_lp(200, 60), tertiary=_lp(400, 50), annual_cap_fen=3_000_00
    ),
)
DEFAULT_INPATIENT = VisitPolicy(
    employee=GroupPolicy(
        primary=_lp(300, 95), secondary=_lp(600, 90), tertiary=_lp(1000, 85), annual_cap_fen=400_000_00
    ),
    resident=GroupPolicy(
        primary=_lp(200, 90), secondary=_lp(500, 80), tertiary=_lp(900, 70), annual_cap_fen=200_000_00
    ),
)


class Rules(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A 统筹区's policy. Stored as JSON per area by the sandbox; omitted fields take these
    defaults (illustrative county figures, not any real region's)."""

    b_first_self_bp: Ratio = 1000  # 乙类先行自付比例
    personal_account_types: tuple[InsuredType, ...] = ("employee",)
    account_pays_uncovered: bool = False  # may the personal account pay 丙类 / self-pay lines
    outpatient: VisitPolicy = DEFAULT_OUTPATIENT
    inpatient: VisitPolicy = DEFAULT_INPATIENT

    def visit(self, visit_type: VisitType) -> VisitPolicy:
        policy: VisitPolicy = getattr(self, visit_type)
        return policy


class Line(msgspec.Struct, frozen=True, kw_only=True):
    line_no: int
    amount_fen: int
    insurance_class: CatalogueClass


class Standing(msgspec.Struct, frozen=True, kw_only=True):
    """The insured person's year so far, for this visit type, and their personal account."""

    deductible_used_fen: int = 0
    fund_paid_fen: int = 0
    account_balance_fen: int = 0


class LineShare(msgspec.Struct, frozen=True, kw_only=True):
    line_no: int
    amount_fen: int
    insurance_class: CatalogueClass
    first_self_pay_fen: int  # 乙类先行自付
    uncovered_fen: int  # 丙类 / 自费
    deductible_fen: int  # 起付线 paid by the patient on this line
    fund_fen: int  # 统筹基金支付
    account_fen: int  # 个人账户支付
    cash_fen: int  # 现金自付

    @property
    def insurance_fen(self) -> int:
        return self.fund_fen + self.account_fen


class Shares(msgspec.Struct, frozen=True, kw_only=True):
    total_fen: int
    eligible_fen: int  # 政策范围内费用: covered amounts after 乙类先行自付
    first_self_pay_fen: int
    uncovered_fen: int
    deductible_fen: int
    fund_fen: int
    account_fen: int
    cash_fen: int
    ratio_bp: int
    capped: bool  # the annual cap cut the fund's share
    lines: list[LineShare]

    @property
    def insurance_fen(self) -> int:
        return self.fund_fen + self.account_fen


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` over ``weights`` in proportion (largest remainder, earlier lines first on
    ties). Each part is at most its weight when ``total <= sum(weights)``."""
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("allocate needs non-negative numbers")
    whole = sum(weights)
    if total == 0 or whole == 0:
        if total:
            raise ValueError("cannot allocate money over nothing")
        return [0] * len(weights)
    if total > whole:
        raise ValueError("cannot allocate more than the weights hold")
    parts = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _check(lines: list[Line], standing: Standing) -> None:
    if not lines:
        raise ValueError("a bill needs at least one line")
    seen: set[int] = set()
    for line in lines:
        if isinstance(line.amount_fen, bool) or not isinstance(line.amount_fen, int) or line.amount_fen < 0:
            raise ValueError(f"line {line.line_no}: amount must be a non-negative integer of fen")
        if line.insurance_class not in ("A", "B", "C", "self"):
            raise ValueError(f"line {line.line_no}: unknown catalogue class {line.insurance_class!r}")
        if line.line_no in seen:
            raise ValueError(f"line {line.line_no} appears twice")
        seen.add(line.line_no)
    for name in ("deductible_used_fen", "fund_paid_fen", "account_balance_fen"):
        if getattr(standing, name) < 0:
            raise ValueError(f"{name} must not be negative")


def compute_shares(
    rules: Rules,
    *,
    lines: list[Line],
    insured_type: InsuredType,
    level: Level,
    visit_type: VisitType,
    standing: Standing,
    use_account: bool,
) -> Shares:
    """Split a bill into fund, personal account and cash, line by line (see the module doc)."""
    _check(lines, standing)
    group = rules.visit(visit_type).group(insured_type)
    policy = group.level(level)

    # 1. catalogue class
    first_self = []
    uncovered = []
    eligible = []
    for line in lines:
        if line.insurance_class == "A":
            fs, unc = 0, 0
        elif line.insurance_class == "B":
            fs, unc = _ceil_div(line.amount_fen * rules.b_first_self_bp, BP), 0
        else:
            fs, unc = 0, line.amount_fen
        first_self.append(fs)
        uncovered.append(unc)
        eligible.append(line.amount_fen - fs - unc)

    # 2. deductible, consumed in line order
    deductible_left = max(0, policy.deductible_fen - standing.deductible_used_fen)
    deductible = []
    for amount in eligible:
        d = min(deductible_left, amount)
        deductible.append(d)
        deductible_left -= d
    reimbursable = [e - d for e, d in zip(eligible, deductible, strict=True)]

    # 3. ratio on the total (rounded down), 4. annual cap
    fund_total = sum(reimbursable) * policy.ratio_bp // BP
    cap_left = max(0, group.annual_cap_fen - standing.fund_paid_fen)
    capped = fund_total > cap_left
    fund_total = min(fund_total, cap_left)
    fund = allocate(fund_total, reimbursable)

    # 5. personal account, line by line up to the balance
    account = [0] * len(lines)
    if use_account and insured_type in rules.personal_account_types:
        budget = standing.account_balance_fen
        for i, line in enumerate(lines):
            if line.insurance_class not in COVERED and not rules.account_pays_uncovered:
                continue
            take = min(budget, line.amount_fen - fund[i])
            account[i] = take
            budget -= take

    shares = [
        LineShare(
            line_no=line.line_no,
            amount_fen=line.amount_fen,
            insurance_class=line.insurance_class,
            first_self_pay_fen=first_self[i],
            uncovered_fen=uncovered[i],
            deductible_fen=deductible[i],
            fund_fen=fund[i],
            account_fen=account[i],
            cash_fen=line.amount_fen - fund[i] - account[i],
        )
        for i, line in enumerate(lines)
    ]
    return Shares(
        total_fen=sum(line.amount_fen for line in lines),
        eligible_fen=sum(eligible),
        first_self_pay_fen=sum(first_self),
        uncovered_fen=sum(uncovered),
        deductible_fen=sum(deductible),
        fund_fen=fund_total,
        account_fen=sum(account),
        cash_fen=sum(s.cash_fen for s in shares),
        ratio_bp=policy.ratio_bp,
        capped=capped,
        lines=shares,
    )


class LineRefund(msgspec.Struct, frozen=True, kw_only=True):
    """What one line's refund takes back from the fund, the personal account and the cash."""

    line_no: int
    amount_fen: int
    fund_fen: int
    account_fen: int
    cash_fen: int


def refunded_shares(line: LineShare, upto_fen: int) -> tuple[int, int]:
    """(fund, account) given back once ``upto_fen`` of the line has been refunded in all: the
    insurance part in proportion to the amount, rounded down (cash takes the fen), the fund made
    whole first (基金优先), then the personal account. Depends only on how much of the line went
    back, not on how it was cut into refunds, so refunds split the same whichever order they are
    sent in, and the last one squares the line exactly."""
    if not 0 <= upto_fen <= line.amount_fen:
        raise ValueError(f"line {line.line_no}: {upto_fen} fen is not within the line's {line.amount_fen}")
    if line.amount_fen == 0:
        return 0, 0
    insurance = (line.fund_fen + line.account_fen) * upto_fen // line.amount_fen
    fund = min(insurance, line.fund_fen)
    return fund, insurance - fund


def refund_line(line: LineShare, *, refunded_fen: int, amount_fen: int) -> LineRefund:
    """Split a refund of ``amount_fen`` of a settled line, ``refunded_fen`` of which went back
    before (see ``refunded_shares``)."""
    if amount_fen <= 0:
        raise ValueError("a refund must be positive")
    if refunded_fen < 0 or refunded_fen + amount_fen > line.amount_fen:
        raise ValueError(f"line {line.line_no}: refund exceeds what is left of the line")
    fund_before, account_before = refunded_shares(line, refunded_fen)
    fund_after, account_after = refunded_shares(line, refunded_fen + amount_fen)
    fund, account = fund_after - fund_before, account_after - account_before
    return LineRefund(
        line_no=line.line_no,
        amount_fen=amount_fen,
        fund_fen=fund,
        account_fen=account,
        cash_fen=amount_fen - fund - account,
    )
