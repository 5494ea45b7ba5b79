"""The sandboxes' callback delivery: what the real services' notification systems do.

``deliver_due`` settles refunds that are due, then POSTs every queued callback whose time has come,
oldest due first, each encoded and signed at that moment. Our answer is judged the way the
provider judges it (WeChat: any 2xx; Alipay: the text ``success``; ...); otherwise the callback is
redelivered on the provider's schedule (scaled by ``payment_callback_retry_scale``) until it runs
out, then abandoned (the merchant must query, as with the real services).

The worker runs it every second (``deliver_payment_callbacks``) against the URLs the merchant gave
(``billing_notify_base_url`` + ``/payments/notify/{provider}``). Tests pass an ``httpx`` client on
an ASGI transport into the patient app, and ``until`` to play time forward: everything due by then
is delivered, retries included, in the order it would have been."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import httpx
import msgspec

from yiqiao import db
from yiqiao.integrations.payment.local import engine
from yiqiao.integrations.payment.local.provider import local_provider
from yiqiao.integrations.payment.wire import CallbackEvent, Wire
from yiqiao.kit import clock
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.payment.sandbox")
LEASE = dt.timedelta(seconds=60)
BATCH = 50


class DeliveryReport(msgspec.Struct, kw_only=True):
    delivered: int = 0
    retrying: int = 0
    abandoned: int = 0
    refunds_settled: int = 0
    # (provider, notify_id, HTTP status or 0 when it did not connect, acknowledged?)
    attempts: list[tuple[str, str, int, bool]] = msgspec.field(default_factory=list)


async def _wires() -> dict[str, Wire]:
    from yiqiao.integrations.payment import all_provider_names

    return {name: await local_provider(name).wire() for name in all_provider_names()}


def _next_due(wire: Wire, attempts: int, sent_at: dt.datetime) -> dt.datetime | None:
    schedule = wire.retry_schedule
    if attempts > len(schedule):
        return None
    delay = schedule[attempts - 1] * get_settings().payment_callback_retry_scale
    return sent_at + dt.timedelta(seconds=delay)


async def _claim(until: dt.datetime, exclude: set[int]) -> list[dict[str, Any]]:
    return await db.fetch(
        "UPDATE local_pay_callback c SET lease_until = {} WHERE c.id IN (SELECT id FROM local_pay_callback"
        " WHERE status = 'queued' AND due_at <= {} AND (lease_until IS NULL OR lease_until < {})"
        " AND NOT (id = ANY({})) ORDER BY due_at, id LIMIT {} FOR UPDATE SKIP LOCKED) RETURNING c.*",
        clock.now() + LEASE,
        until,
        clock.now(),
        list(exclude),
        BATCH,
    )


async def _send(client: httpx.AsyncClient, wire: Wire, row: dict[str, Any]) -> tuple[int, bool, str]:
    event = msgspec.json.decode(row["event"], type=CallbackEvent)
    headers, body = await wire.encode(event)
    try:
        response = await client.post(row["url"], content=body, headers=headers)
    except httpx.HTTPError as exc:
        return 0, False, f"{type(exc).__name__}: {exc}"[:300]
    accepted = wire.accepted(response.status_code, response.content)
    return response.status_code, accepted, "" if accepted else response.text[:300]


async def deliver_due(
    *, client: httpx.AsyncClient | None = None, until: dt.datetime | None = None, limit: int = 1000
) -> DeliveryReport:
    """Deliver what is due by ``until`` (default now), at most ``limit`` attempts in this call."""
    report = DeliveryReport()
    horizon = max(clock.now(), until or clock.now())
    wires = await _wires()
    report.refunds_settled = await engine.settle_due_refunds(wires, horizon)
    own = client is None
    http = client or httpx.AsyncClient(timeout=10.0)
    seen: set[int] = set()  # attempted in this call and rescheduled beyond what we may still reach
    try:
        while len(report.attempts) < limit:
            rows = await _claim(horizon, seen)
            if not rows:
                break
            for row in rows:
                if len(report.attempts) >= limit:
                    await db.execute(
                        "UPDATE local_pay_callback SET lease_until = NULL WHERE id = {}", row["id"]
                    )
                    continue
                await _deliver_one(http, wires[row["provider"]], row, report, seen)
    finally:
        if own:
            await http.aclose()
    return report


async def _deliver_one(
    http: httpx.AsyncClient, wire: Wire, row: dict[str, Any], report: DeliveryReport, seen: set[int]
) -> None:
    # When playing time forward, the attempt happens when it was due, not now.
    sent_at = max(clock.now(), row["due_at"])
    status, accepted, error = await _send(http, wire, row)
    attempts = row["attempts"] + 1
    report.attempts.append((row["provider"], row["notify_id"], status, accepted))
    if accepted:
        report.delivered += 1
        await db.execute(
            "UPDATE local_pay_callback SET status = 'delivered', attempts = {}, last_status = {},"
            " last_error = '', delivered_at = {}, lease_until = NULL WHERE id = {}",
            attempts,
            status,
            clock.now(),
            row["id"],
        )
        return
    next_due = _next_due(wire, attempts, sent_at)
    if next_due is None:
        report.abandoned += 1
        log.warning(
            "%s callback %s abandoned after %d attempts: %s",
            row["provider"],
            row["notify_id"],
            attempts,
            error,
        )
        await db.execute(
            "UPDATE local_pay_callback SET status = 'abandoned', attempts = {}, last_status = {},"
            " last_error = {}, lease_until = NULL WHERE id = {}",
            attempts,
            status or None,
            error,
            row["id"],
        )
        return
    report.retrying += 1
    if next_due <= sent_at:
        seen.add(row["id"])  # a zero retry delay: next call, not a hot loop in this one
    await db.execute(
        "UPDATE local_pay_callback SET attempts = {}, due_at = {}, last_status = {}, last_error = {},"
        " lease_until = NULL WHERE id = {}",
        attempts,
        next_due,
        status or None,
        error,
        row["id"],
    )


async def deliver_payment_callbacks(ctx: dict[str, Any]) -> int:
    """The worker's cron: deliver what is due now (only the sandboxes owe us callbacks)."""
    if get_settings().payment_provider != "local":
        return 0
    report = await deliver_due()
    if report.delivered or report.abandoned:
        log.info(
            "payment callbacks: %d delivered, %d to retry, %d abandoned",
            report.delivered,
            report.retrying,
            report.abandoned,
        )
    return report.delivered


async def pending(provider: str | None = None, reference: str | None = None) -> list[dict[str, Any]]:
    """Callbacks not yet delivered (for tests and the dev wallet): provider, reference, due, faults."""
    return await db.fetch(
        "SELECT id, provider, kind, reference, notify_id, fault, attempts, due_at, last_status"
        " FROM local_pay_callback WHERE status = 'queued' AND ({}::text IS NULL OR provider = {})"
        " AND ({}::text IS NULL OR reference = {}) ORDER BY due_at, id",
        provider,
        provider,
        reference,
        reference,
    )
