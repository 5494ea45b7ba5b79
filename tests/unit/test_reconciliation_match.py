"""The reconciliation matcher: a statement against our ledger, each difference with its cause."""

from __future__ import annotations

import datetime as dt

from yiqiao.billing.service.reconciliation import LedgerEntry, day_window, match
from yiqiao.integrations.payment.base import StatementLine

AT = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


def line(kind: str, ref: str, fen: int, trade: str = "", refund: str = "") -> StatementLine:
    return StatementLine(
        kind=kind,  # type: ignore[arg-type]
        out_trade_no=trade or f"T{ref}",
        out_refund_no=refund,
        provider_ref=ref,
        amount_fen=fen,
        at=AT,
    )


def entry(id_: int, kind: str, ref: str, fen: int, *, in_day: bool = True, trade: str = "") -> LedgerEntry:
    return LedgerEntry(
        id=id_,
        kind=kind,  # type: ignore[arg-type]
        provider_ref=ref,
        amount_fen=fen,
        at=AT,
        in_day=in_day,
        out_trade_no=trade or (f"T{ref}" if kind == "payment" else ""),
    )


def test_a_balanced_day_has_no_findings_and_sums_both_sides():
    theirs = [line("payment", "w1", 500), line("payment", "w2", 1200), line("refund", "r1", 500)]
    ours = [entry(1, "payment", "w1", 500), entry(2, "payment", "w2", 1200), entry(3, "refund", "r1", 500)]
    r = match(theirs, ours)
    assert r.findings == [] and r.matched == 3
    assert (r.their_payments_fen, r.their_refunds_fen) == (1700, 500)
    assert (r.our_payments_fen, r.our_refunds_fen, r.our_entries) == (1700, 500, 3)


def test_each_cause_is_named():
    theirs = [line("payment", "w1", 500), line("payment", "w2", 999), line("payment", "w9", 300)]
    ours = [entry(1, "payment", "w1", 500), entry(2, "payment", "w2", 1000), entry(3, "payment", "w3", 800)]
    r = match(theirs, ours)
    got = {(f.cause, f.provider_ref, f.our_amount_fen, f.their_amount_fen) for f in r.findings}
    assert got == {
        ("amount_differs", "w2", 1000, 999),
        ("missing_ours", "w9", None, 300),
        ("missing_theirs", "w3", 800, None),
    }
    assert r.matched == 1
    differs = next(f for f in r.findings if f.cause == "amount_differs")
    assert differs.ledger_id == 2


def test_a_payment_and_a_refund_with_the_same_reference_are_different_movements():
    r = match([line("refund", "x1", 500)], [entry(1, "payment", "x1", 500)])
    assert sorted(f.cause for f in r.findings) == ["missing_ours", "missing_theirs"]


def test_an_entry_of_another_day_is_matched_but_never_reported_from_this_day():
    # Paid just before midnight: stamped on our previous day, counted by the provider today.
    r = match([line("payment", "w1", 500)], [entry(1, "payment", "w1", 500, in_day=False)])
    assert r.findings == [] and r.matched == 1 and r.our_entries == 0
    r = match([], [entry(2, "payment", "w2", 700, in_day=False)])
    assert r.findings == []


def test_a_line_listed_twice_is_money_we_do_not_have_twice():
    r = match([line("payment", "w1", 500), line("payment", "w1", 500)], [entry(1, "payment", "w1", 500)])
    assert [(f.cause, f.key) for f in r.findings] == [("missing_ours", "missing_ours:payment:w1:1")]
    r = match([line("payment", "w1", 500)] * 3, [])
    assert [f.key for f in r.findings] == [f"missing_ours:payment:w1:{n}" for n in (1, 2, 3)]


def test_an_entry_without_the_providers_reference_is_found_by_our_number():
    ours = [entry(1, "payment", "", 500, trade="P0001")]
    r = match([line("payment", "w1", 500, trade="P0001")], ours)
    assert r.findings == [] and r.matched == 1


def test_a_refund_listed_under_the_trades_number_is_found_by_our_refund_number():
    ours = [
        LedgerEntry(
            id=1, kind="refund", provider_ref="R-1", amount_fen=300, at=AT, in_day=True, out_refund_no="RF1"
        ),
        LedgerEntry(
            id=2, kind="refund", provider_ref="R-2", amount_fen=200, at=AT, in_day=True, out_refund_no="RF2"
        ),
    ]
    theirs = [line("refund", "TXN9", 300, refund="RF1"), line("refund", "TXN9", 250, refund="RF2")]
    r = match(theirs, ours)
    assert r.matched == 1
    assert [(f.cause, f.out_refund_no, f.our_amount_fen, f.their_amount_fen) for f in r.findings] == [
        ("amount_differs", "RF2", 200, 250)
    ]


def test_the_same_input_gives_the_same_findings():
    theirs = [line("payment", "a", 1), line("payment", "b", 2)]
    ours = [entry(5, "payment", "c", 3), entry(4, "payment", "b", 9)]
    assert match(theirs, ours) == match(theirs, list(reversed(ours)))


def test_the_statement_day_is_a_shanghai_day():
    start, end = day_window(dt.date(2026, 11, 20))
    assert start == dt.datetime(2026, 11, 19, 16, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(days=1)
