"""Daily reconciliation (对账): each provider's statement for a day against our ledger.

For one (provider, day) — the day as the provider's statement counts it, Asia/Shanghai — the run
downloads the statement (``provider.statement(day)``, parsed by ``provider.parse_statement``),
reads ``billing_ledger`` for that provider, and matches them by provider reference (transaction
or refund id at the provider; failing that, our own payment or refund number, which both sides
carry) and amount. Every difference is a mismatch with its cause:

- ``missing_ours``    the provider moved money we have no ledger entry for (a callback we never
                      applied, or a payment to an attempt we gave up on);
- ``missing_theirs``  our ledger says money moved that day, the provider's statement does not;
- ``amount_differs``  both know the movement, with different amounts.

A ledger entry of the day matched by nothing is ``missing_theirs``; an entry stamped on another
day is still found by its reference (a payment just before midnight the provider counts on the
next day is not reported twice), but never reported from this day's side.

One run per (provider, day) in ``billing_recon_run`` (migration 0018), re-run in place: a re-run
replaces the mismatch list (``billing_recon_mismatch``) with what it finds now, keeping when each
mismatch was first seen, so running twice gives the same answer and a mismatch that was fixed
meanwhile disappears. A statement that cannot be downloaded yet (the provider publishes it in the
morning) leaves the run ``failed`` with the provider's reason; the worker tries again later."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal, get_args

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.base import ProviderName, StatementLine
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Forbidden, Invalid
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing.reconciliation")

PROVIDERS: tuple[str, ...] = get_args(ProviderName)
Cause = Literal["missing_ours", "missing_theirs", "amount_differs"]
EntryKind = Literal["payment", "refund"]
RunStatus = Literal["running", "balanced", "mismatched", "failed"]

CAUSE_WORDS = {
    "missing_ours": "the provider moved money our ledger does not have",
    "missing_theirs": "our ledger has money the provider's statement does not",
    "amount_differs": "both have it, with different amounts",
}


class LedgerEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One of our ledger rows as the matcher sees it: the amount as a positive number, the kind
    saying which way it went (like a statement line)."""

    id: int
    kind: EntryKind
    provider_ref: str
    amount_fen: int
    at: dt.datetime
    in_day: bool  # stamped on the day being reconciled
    out_trade_no: str = ""
    out_refund_no: str = ""
    order_id: uuid.UUID | None = None
    institution_id: uuid.UUID | None = None


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    cause: Cause
    kind: EntryKind
    provider_ref: str
    out_trade_no: str = ""
    out_refund_no: str = ""
    our_amount_fen: int | None = None
    their_amount_fen: int | None = None
    ledger_id: int | None = None
    order_id: uuid.UUID | None = None
    institution_id: uuid.UUID | None = None
    at: dt.datetime | None = None


class MatchResult(msgspec.Struct, frozen=True, kw_only=True):
    matched: int
    findings: list[Finding]
    their_payments_fen: int
    their_refunds_fen: int
    our_entries: int
    our_payments_fen: int
    our_refunds_fen: int


def match(theirs: Sequence[StatementLine], ours: Sequence[LedgerEntry]) -> MatchResult:
    """Match a day's statement lines against ledger entries (those of the day, and any other
    whose reference the statement names). Pure: the same input gives the same findings, in the
    statement's order, then ours by ledger id."""
    by_ref: dict[tuple[str, str], list[LedgerEntry]] = defaultdict(list)
    by_our_no: dict[tuple[str, str], list[LedgerEntry]] = defaultdict(list)
    for e in sorted(ours, key=lambda e: e.id):
        by_ref[(e.kind, e.provider_ref)].append(e)
        our_no = e.out_trade_no if e.kind == "payment" else e.out_refund_no
        if our_no:
            by_our_no[(e.kind, our_no)].append(e)
    used: set[int] = set()
    seen: dict[str, int] = defaultdict(int)
    findings: list[Finding] = []

    def key(cause: str, kind: str, ref: str) -> str:
        base = f"{cause}:{kind}:{ref}"
        seen[base] += 1
        return f"{base}:{seen[base]}"

    def take(candidates: list[LedgerEntry]) -> LedgerEntry | None:
        for e in candidates:
            if e.id not in used:
                used.add(e.id)
                return e
        return None

    matched = 0
    for line in theirs:
        found = take(by_ref.get((line.kind, line.provider_ref), []))
        if found is None:
            # The provider's reference may not be the one we hold (Alipay lists a refund under the
            # trade's number; our entry may lack a reference): our own number names the movement.
            our_no = line.out_trade_no if line.kind == "payment" else line.out_refund_no
            found = take(by_our_no.get((line.kind, our_no), [])) if our_no else None
        if found is None:
            findings.append(
                Finding(
                    key=key("missing_ours", line.kind, line.provider_ref),
                    cause="missing_ours",
                    kind=line.kind,
                    provider_ref=line.provider_ref,
                    out_trade_no=line.out_trade_no,
                    out_refund_no=line.out_refund_no,
                    their_amount_fen=line.amount_fen,
                    at=line.at,
                )
            )
        elif found.amount_fen != line.amount_fen:
            findings.append(
                Finding(
                    key=key("amount_differs", line.kind, line.provider_ref),
                    cause="amount_differs",
                    kind=line.kind,
                    provider_ref=line.provider_ref,
                    out_trade_no=line.out_trade_no or found.out_trade_no,
                    out_refund_no=line.out_refund_no or found.out_refund_no,
                    our_amount_fen=found.amount_fen,
                    their_amount_fen=line.amount_fen,
                    ledger_id=found.id,
                    order_id=found.order_id,
                    institution_id=found.institution_id,
                    at=line.at,
                )
            )
        else:
            matched += 1
    for e in sorted(ours, key=lambda e: e.id):
        if e.in_day and e.id not in used:
            findings.append(
                Finding(
                    key=key("missing_theirs", e.kind, e.provider_ref),
                    cause="missing_theirs",
                    kind=e.kind,
                    provider_ref=e.provider_ref,
                    out_trade_no=e.out_trade_no,
                    out_refund_no=e.out_refund_no,
                    our_amount_fen=e.amount_fen,
                    ledger_id=e.id,
                    order_id=e.order_id,
                    institution_id=e.institution_id,
                    at=e.at,
                )
            )
    in_day = [e for e in ours if e.in_day]
    return MatchResult(
        matched=matched,
        findings=findings,
        their_payments_fen=sum(x.amount_fen for x in theirs if x.kind == "payment"),
        their_refunds_fen=sum(x.amount_fen for x in theirs if x.kind == "refund"),
        our_entries=len(in_day),
        our_payments_fen=sum(e.amount_fen for e in in_day if e.kind == "payment"),
        our_refunds_fen=sum(e.amount_fen for e in in_day if e.kind == "refund"),
    )


def day_window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The statement day (Asia/Shanghai) as a UTC half-open interval."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=clock.SHANGHAI)
    return start.astimezone(dt.UTC), (start + dt.timedelta(days=1)).astimezone(dt.UTC)


# --- runs -----------------------------------------------------------------------------------------


class ReconRunView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    provider: str
    day: dt.date
    status: RunStatus
    attempts: int
    their_lines: int
    their_payments_fen: int
    their_refunds_fen: int
    our_entries: int
    our_payments_fen: int
    our_refunds_fen: int
    matched: int
    mismatches: int
    error: str
    started_at: dt.datetime
    finished_at: dt.datetime | None


class MismatchView(msgspec.Struct, kw_only=True):
    id: int
    provider: str
    day: dt.date
    cause: Cause
    cause_text: str
    kind: EntryKind
    provider_ref: str
    out_trade_no: str
    out_refund_no: str
    our_amount_fen: int | None
    their_amount_fen: int | None
    order_id: uuid.UUID | None
    order_no: str | None
    at: dt.datetime | None
    first_seen_at: dt.datetime


def _run_view(r: dict[str, Any]) -> ReconRunView:
    return ReconRunView(
        id=r["id"],
        provider=r["provider"],
        day=r["day"],
        status=r["status"],
        attempts=r["attempts"],
        their_lines=r["their_lines"],
        their_payments_fen=r["their_payments_fen"],
        their_refunds_fen=r["their_refunds_fen"],
        our_entries=r["our_entries"],
        our_payments_fen=r["our_payments_fen"],
        our_refunds_fen=r["our_refunds_fen"],
        matched=r["matched"],
        mismatches=r["mismatches"],
        error=r["error"],
        started_at=r["started_at"],
        finished_at=r["finished_at"],
    )


async def _start(provider: str, day: dt.date) -> uuid.UUID:
    rows = await db.fetch(
        "INSERT INTO billing_recon_run (id, provider, day, status, started_at)"
        " VALUES ({}, {}, {}, 'running', {}) ON CONFLICT (provider, day) DO UPDATE SET status = 'running',"
        " attempts = billing_recon_run.attempts + 1, started_at = EXCLUDED.started_at,"
        " finished_at = NULL, error = '' RETURNING id",
        new_id(),
        provider,
        day,
        clock.now(),
    )
    run_id: uuid.UUID = rows[0]["id"]
    return run_id


async def _our_entries(provider: str, day: dt.date, lines: list[StatementLine]) -> list[LedgerEntry]:
    """Our entries of the day, and any other the statement names (by either side's reference)."""
    start, end = day_window(day)
    refs = sorted({x.provider_ref for x in lines})
    trades = sorted({x.out_trade_no for x in lines if x.kind == "payment" and x.out_trade_no})
    refund_nos = sorted({x.out_refund_no for x in lines if x.kind == "refund" and x.out_refund_no})
    rows = await db.fetch(
        "SELECT l.id, l.entry, l.provider_ref, l.amount_fen, l.at, l.order_id, l.institution_id,"
        " p.out_trade_no, r.refund_no FROM billing_ledger l"
        " LEFT JOIN billing_payment p ON p.id = l.payment_id"
        " LEFT JOIN billing_refund r ON r.id = l.refund_id"
        " WHERE l.provider = {} AND ((l.at >= {} AND l.at < {}) OR l.provider_ref = ANY({})"
        " OR (l.entry = 'payment' AND p.out_trade_no = ANY({}))"
        " OR (l.entry = 'refund' AND r.refund_no = ANY({})))",
        provider,
        start,
        end,
        refs,
        trades,
        refund_nos,
    )
    return [
        LedgerEntry(
            id=r["id"],
            kind=r["entry"],
            provider_ref=r["provider_ref"],
            amount_fen=abs(r["amount_fen"]),
            at=r["at"],
            in_day=start <= r["at"] < end,
            out_trade_no=r["out_trade_no"] or "",
            out_refund_no=r["refund_no"] or "",
            order_id=r["order_id"],
            institution_id=r["institution_id"],
        )
        for r in rows
    ]


async def _finish_failed(actor: Actor, run_id: uuid.UUID, provider: str, day: dt.date, error: str) -> None:
    async with db.transaction():
        await db.execute(
            "UPDATE billing_recon_run SET status = 'failed', error = {}, finished_at = {} WHERE id = {}",
            error[:500],
            clock.now(),
            run_id,
        )
        await audit.record(
            actor,
            "billing_recon.failed",
            "billing_recon_run",
            run_id,
            {"provider": provider, "day": str(day)},
        )


async def _missing_ours_context(findings: list[Finding]) -> list[Finding]:
    """A line we have no ledger entry for may still name one of our attempts (a callback never
    applied): attach its order, so staff can look it up."""
    wanted = [f.out_trade_no for f in findings if f.cause == "missing_ours" and f.out_trade_no]
    if not wanted:
        return findings
    rows = await db.fetch(
        "SELECT p.out_trade_no, o.id, o.institution_id FROM billing_payment p"
        " JOIN billing_order o ON o.id = p.order_id WHERE p.out_trade_no = ANY({})",
        wanted,
    )
    found = {r["out_trade_no"]: r for r in rows}
    out: list[Finding] = []
    for f in findings:
        r = found.get(f.out_trade_no) if f.cause == "missing_ours" else None
        out.append(
            msgspec.structs.replace(f, order_id=r["id"], institution_id=r["institution_id"]) if r else f
        )
    return out


async def reconcile(provider: str, day: dt.date, *, actor: Actor = SYSTEM) -> ReconRunView:
    """Reconcile one provider's statement for one day (re-running replaces the last result)."""
    from yiqiao.integrations.payment import get_payment_provider

    if provider not in PROVIDERS:
        raise Invalid(f"Unknown payment provider {provider!r}.", code="provider_unknown")
    run_id = await _start(provider, day)
    impl = get_payment_provider(provider)
    try:
        data = await impl.statement(day)
        lines = impl.parse_statement(data)
    except ProviderError as exc:
        log.warning("reconciliation %s %s: statement unavailable: %s", provider, day, exc)
        await _finish_failed(actor, run_id, provider, day, f"{exc.code}: {exc.message}")
        return await get_run(provider, day)
    except (ValueError, msgspec.DecodeError) as exc:  # a statement we cannot read is a failed run
        log.warning("reconciliation %s %s: unreadable statement: %s", provider, day, exc)
        await _finish_failed(actor, run_id, provider, day, f"statement_unreadable: {exc}")
        return await get_run(provider, day)
    ours = await _our_entries(provider, day, lines)
    result = match(lines, ours)
    findings = await _missing_ours_context(result.findings)
    now = clock.now()
    async with db.transaction():
        # Serialise re-runs of this (provider, day): the last one to write is the answer.
        await db.execute("SELECT 1 FROM billing_recon_run WHERE id = {} FOR UPDATE", run_id)
        before = await db.fetch(
            "DELETE FROM billing_recon_mismatch WHERE run_id = {} RETURNING key, first_seen_at", run_id
        )
        first_seen = {r["key"]: r["first_seen_at"] for r in before}
        for f in findings:
            await db.execute(
                "INSERT INTO billing_recon_mismatch (run_id, provider, day, key, cause, kind, provider_ref,"
                " out_trade_no, out_refund_no, our_amount_fen, their_amount_fen, ledger_id, order_id,"
                " institution_id, at, first_seen_at)"
                " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                run_id,
                provider,
                day,
                f.key,
                f.cause,
                f.kind,
                f.provider_ref,
                f.out_trade_no,
                f.out_refund_no,
                f.our_amount_fen,
                f.their_amount_fen,
                f.ledger_id,
                f.order_id,
                f.institution_id,
                f.at,
                first_seen.get(f.key, now),
            )
        status = "mismatched" if findings else "balanced"
        await db.execute(
            "UPDATE billing_recon_run SET status = {}, statement_sm3 = {}, their_lines = {},"
            " their_payments_fen = {}, their_refunds_fen = {}, our_entries = {}, our_payments_fen = {},"
            " our_refunds_fen = {}, matched = {}, mismatches = {}, error = '', finished_at = {}"
            " WHERE id = {}",
            status,
            sm3_hex(data),
            len(lines),
            result.their_payments_fen,
            result.their_refunds_fen,
            result.our_entries,
            result.our_payments_fen,
            result.our_refunds_fen,
            result.matched,
            len(findings),
            now,
            run_id,
        )
        counts: dict[str, int] = defaultdict(int)
        for f in findings:
            counts[f.cause] += 1
        await audit.record(
            actor,
            "billing_recon.run",
            "billing_recon_run",
            run_id,
            {"provider": provider, "day": str(day), "status": status, "matched": result.matched, **counts},
        )
    if findings:
        log.warning("reconciliation %s %s: %d mismatches %s", provider, day, len(findings), dict(counts))
    return await get_run(provider, day)


async def get_run(provider: str, day: dt.date) -> ReconRunView:
    rows = await db.fetch("SELECT * FROM billing_recon_run WHERE provider = {} AND day = {}", provider, day)
    return _run_view(rows[0])


def statement_day(now: dt.datetime) -> dt.date | None:
    """Which day's statements are due at ``now``: yesterday's, once the providers have published
    them (``YQ_RECONCILE_TIME``, Asia/Shanghai); None before that."""
    local = clock.local(now)
    h, m = (int(x) for x in get_settings().reconcile_time.split(":"))
    if local.time() < dt.time(h, m):
        return None
    return local.date() - dt.timedelta(days=1)


CATCH_UP_DAYS = 7


async def reconcile_due(now: dt.datetime | None = None) -> list[ReconRunView]:
    """Reconcile yesterday for every provider whose run is missing, failed or mismatched (late
    callbacks and query sweeps settle many mismatches by the next try), and any of the week
    before that never ran or failed (a worker that was down catches up)."""
    day = statement_day(now or clock.now())
    if day is None:
        return []
    first = day - dt.timedelta(days=CATCH_UP_DAYS - 1)
    rows = await db.fetch(
        "SELECT provider, day, status, started_at FROM billing_recon_run WHERE day BETWEEN {} AND {}",
        first,
        day,
    )
    runs = {(r["provider"], r["day"]): r for r in rows}
    stale = (now or clock.now()) - dt.timedelta(minutes=30)  # a run that died half-way
    out = []
    for n in range(CATCH_UP_DAYS):
        d = day - dt.timedelta(days=n)
        for provider in PROVIDERS:
            was = runs.get((provider, d))
            if (
                was is None
                or was["status"] == "failed"
                or (was["status"] == "running" and was["started_at"] < stale)
                or (d == day and was["status"] == "mismatched")
            ):
                out.append(await reconcile(provider, d))
    return out


async def reconcile_daily(ctx: dict[str, Any]) -> int:
    """The worker's cron entry."""
    runs = await reconcile_due()
    for r in runs:
        if r.status != "balanced":
            log.info(
                "reconciliation %s %s: %s (%d mismatches) %s",
                r.provider,
                r.day,
                r.status,
                r.mismatches,
                r.error,
            )
    return len(runs)


# --- staff views ----------------------------------------------------------------------------------


def _require_finance_admin(actor: Actor) -> None:
    if actor.kind == "system":
        return
    if actor.kind != "staff" or "admin" not in actor.roles:
        raise Forbidden("Only an administrator sees reconciliation.", code="not_billing_admin")


async def list_runs(
    actor: Actor, *, day: dt.date | None = None, provider: str | None = None
) -> list[ReconRunView]:
    _require_finance_admin(actor)
    rows = await db.fetch(
        "SELECT * FROM billing_recon_run WHERE ({}::date IS NULL OR day = {})"
        " AND ({}::text IS NULL OR provider = {}) ORDER BY day DESC, provider LIMIT 200",
        day,
        day,
        provider,
        provider,
    )
    return [_run_view(r) for r in rows]


async def list_mismatches(
    actor: Actor,
    *,
    day: dt.date | None = None,
    provider: str | None = None,
    cause: Cause | None = None,
    limit: int = 200,
) -> list[MismatchView]:
    """Mismatches of the latest run of each (provider, day), newest day first. An administrator
    sees those of their institution and those no order could be found for."""
    _require_finance_admin(actor)
    rows = await db.fetch(
        "SELECT m.*, o.order_no FROM billing_recon_mismatch m"
        " LEFT JOIN billing_order o ON o.id = m.order_id"
        " WHERE ({}::date IS NULL OR m.day = {}) AND ({}::text IS NULL OR m.provider = {})"
        " AND ({}::text IS NULL OR m.cause = {})"
        " AND ({}::uuid IS NULL OR m.institution_id IS NULL OR m.institution_id = {})"
        " ORDER BY m.day DESC, m.provider, m.id LIMIT {}",
        day,
        day,
        provider,
        provider,
        cause,
        cause,
        actor.institution_id,
        actor.institution_id,
        min(max(limit, 1), 1000),
    )
    return [
        MismatchView(
            id=r["id"],
            provider=r["provider"],
            day=r["day"],
            cause=r["cause"],
            cause_text=CAUSE_WORDS[r["cause"]],
            kind=r["kind"],
            provider_ref=r["provider_ref"],
            out_trade_no=r["out_trade_no"],
            out_refund_no=r["out_refund_no"],
            our_amount_fen=r["our_amount_fen"],
            their_amount_fen=r["their_amount_fen"],
            order_id=r["order_id"],
            order_no=r["order_no"],
            at=r["at"],
            first_seen_at=r["first_seen_at"],
        )
        for r in rows
    ]


async def rerun(actor: Actor, provider: str, day: dt.date) -> ReconRunView:
    """Staff re-run a day after fixing something (a late notification applied, a refund sent)."""
    _require_finance_admin(actor)
    if day >= clock.local(clock.now()).date():
        raise Invalid("A day's statement exists only once the day is over.", code="statement_day_not_over")
    return await reconcile(provider, day, actor=actor)
