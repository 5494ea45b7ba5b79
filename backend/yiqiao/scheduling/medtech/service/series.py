"""Treatment series (治疗预约: rehab, physiotherapy, 中医特色治疗): a course of N sessions on fixed
weekdays at a fixed time, booked in one command, all or nothing: when one session cannot be had
(the room is closed or full that day, the band has begun, or it breaks a conflict rule), nothing is
booked and the answer names that session and why. Each session is an exam booking of its own
(``series_id``, ``session_no``): its own reminder the day before, check-in, cancel and reschedule.
The rest of a course can be cancelled in one step; progress is counted from the sessions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.scheduling.medtech import lifecycle, rules
from yiqiao.scheduling.medtech.catalogue import SERIES_STATUS_LABELS, WEEKDAYS_ZH
from yiqiao.scheduling.medtech.service import common, orders, resources
from yiqiao.scheduling.medtech.service.booking import account_of, request_hash
from yiqiao.scheduling.medtech.service.notices import series_notice
from yiqiao.scheduling.medtech.types import BookSeries, CancelSeries, SeriesView
from yiqiao.scheduling.medtech.views import booking_view, facts, pattern_local
from yiqiao.scheduling.views import cancel_until

# A course is booked at most this far ahead (its last session).
MAX_SPAN_DAYS = 180

_SERIES = (
    "SELECT t.*, i.name AS item_name, i.prep_notes AS item_prep_notes, r.name AS resource_name,"
    " r.location AS resource_location FROM treatment_series t JOIN exam_item i ON i.code = t.item_code"
    " JOIN exam_resource r ON r.id = t.resource_id"
)


def session_days(first_day: dt.date, weekdays: list[int], sessions: int) -> list[dt.date]:
    """The first ``sessions`` days from ``first_day`` on the given weekdays."""
    days: list[dt.date] = []
    day = first_day
    wanted = set(weekdays)
    while len(days) < sessions:
        if day.weekday() in wanted:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _at(day: dt.date, t: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


async def _replay(actor: Actor, key: str, digest: str) -> SeriesView | None:
    rows = await db.fetch(
        "SELECT id, request_hash FROM treatment_series WHERE booked_by = {} AND idempotency_key = {}",
        actor.label,
        key,
    )
    if not rows:
        return None
    if rows[0]["request_hash"] != digest:
        raise Conflict(
            "This idempotency key was already used for a different booking; use a new key.",
            code="idempotency_key_reused",
        )
    return await get_series(actor, rows[0]["id"])


async def _candidates(o: dict[str, Any], resource_id: uuid.UUID | None) -> list[dict[str, Any]]:
    rows = await db.fetch(
        "SELECT id, name, code FROM exam_resource WHERE department_id = {} AND modality = {} AND active"
        " AND ({}::uuid IS NULL OR id = {}) ORDER BY code",
        o["performing_department_id"],
        o["item_modality"],
        resource_id,
        resource_id,
    )
    if resource_id is not None and not rows:
        raise Invalid(
            f"That room does not do {o['item_name']}; choose one of the department's treatment rooms.",
            code="band_wrong_resource",
        )
    if not rows:
        raise Conflict(f"No room offers {o['item_name']} at present.", code="no_resource_for_item")
    return rows


async def _try_resource(
    res: dict[str, Any],
    o: dict[str, Any],
    days: list[dt.date],
    at: dt.time,
    others: list[rules.Placed],
    busy: list[rules.Busy],
    params: rules.Params,
    now: dt.datetime,
) -> tuple[list[int], tuple[int, dt.date, str, str] | None]:
    """The bands for every session on this resource, or the first session that cannot be had."""
    for day in days:
        await resources.ensure_day(res["id"], day)
    starts = [_at(day, at) for day in days]
    rows = await db.fetch(
        common.BAND_SELECT + " WHERE x.resource_id = {} AND x.band_start = ANY({})", res["id"], starts
    )
    by_start = {r["band_start"]: r for r in rows}
    item = facts(o)
    planned: list[rules.Placed] = []
    bands: list[int] = []
    for n, (day, start) in enumerate(zip(days, starts, strict=True), 1):
        b = by_start.get(start)
        if b is None:
            return bands, (n, day, "no_band", f"{res['name']} is not open at that time that day.")
        if b["band_start"] <= now:
            return bands, (n, day, "band_past", "that time has already begun.")
        if b["status"] == "down":
            return bands, (n, day, "resource_down", f"{res['name']} is out of service then.")
        if b["remaining"] <= 0:
            return bands, (n, day, "band_full", f"{res['name']} is fully booked then.")
        p = rules.Placed(ref=f"session:{n}", item=item, start=b["band_start"], end=b["band_end"])
        violations = rules.check(p, [*others, *planned], busy, params)
        if violations:
            return bands, (n, day, violations[0].code, violations[0].message)
        planned.append(p)
        bands.append(b["band_id"])
    return bands, None


async def book_series(actor: Actor, cmd: BookSeries, idempotency_key: str) -> SeriesView:
    """Book a course of treatment sessions in one step: every session, or none."""
    digest = request_hash("series", cmd)
    replay = await _replay(actor, idempotency_key, digest)
    if replay is not None:
        return replay
    o = await orders.visible_order(actor, cmd.order_id)
    if o["item_kind"] != "treatment":
        raise Invalid(
            f"{o['item_name']} is an exam, booked once; book it at a time band instead.",
            code="exam_not_series",
        )
    now = clock.now()
    orders.require_bookable(o, now)
    today = clock.local(now).date()
    if cmd.first_day < today:
        raise Invalid("The first session cannot be in the past.", code="day_past")
    left = o["sessions_total"] - o["sessions_booked"] - o["sessions_done"]
    sessions = cmd.sessions or left
    if left <= 0 or sessions > left:
        raise Conflict(
            f"This order has {max(left, 0)} of {o['sessions_total']} sessions left to book.",
            code="not_enough_sessions_left",
            sessions_left=max(left, 0),
        )
    weekdays = sorted(set(cmd.weekdays))
    days = session_days(cmd.first_day, weekdays, sessions)
    if (days[-1] - today).days > MAX_SPAN_DAYS:
        raise Invalid(
            f"A course may be booked at most {MAX_SPAN_DAYS} days ahead; book fewer sessions "
            "or more days a week.",
            code="series_too_long",
        )
    h, m = (int(x) for x in cmd.time_local.split(":"))
    at = dt.time(h, m)
    candidates = await _candidates(o, cmd.resource_id)
    try:
        async with db.transaction():
            await common.lock_patient(o["patient_id"])
            fresh = await orders.order_row(o["id"])
            assert fresh is not None
            if fresh["sessions_total"] - fresh["sessions_booked"] - fresh["sessions_done"] < sessions:
                raise Conflict(
                    "Sessions of this order were booked meanwhile; look again.",
                    code="not_enough_sessions_left",
                )
            others, busy = await common.commitments(o["patient_id"])
            params = await common.params()
            chosen: tuple[dict[str, Any], list[int]] | None = None
            first_failure: tuple[int, dt.date, str, str] | None = None
            for res in candidates:
                bands, failure = await _try_resource(res, o, days, at, others, busy, params, now)
                if failure is None:
                    chosen = (res, bands)
                    break
                first_failure = first_failure or failure
            if chosen is None:
                assert first_failure is not None
                n, day, code, why = first_failure
                raise Conflict(
                    f"Session {n} of {sessions} ({day:%Y-%m-%d} {WEEKDAYS_ZH[day.weekday()]} "
                    f"{cmd.time_local}) "
                    f"cannot be booked: {why} Nothing was booked; choose another time or other days.",
                    code="series_session_unavailable",
                    session_no=n,
                    day=day.isoformat(),
                    reason_code=code,
                )
            res, bands = chosen
            series_id = new_id()
            srows = await db.fetch(
                "INSERT INTO treatment_series (id, series_no, order_id, patient_id, account_id, booked_by,"
                " idempotency_key, request_hash, resource_id, item_code, weekdays, time_local, sessions)"
                " VALUES ({}, 'T' || to_char({}::date, 'YYMMDD')"
                "  || lpad(nextval('treatment_series_no_seq')::text, 6, '0'),"
                " {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) RETURNING *",
                series_id,
                days[0],
                o["id"],
                o["patient_id"],
                account_of(actor),
                actor.label,
                idempotency_key,
                digest,
                res["id"],
                o["item_code"],
                weekdays,
                at,
                sessions,
            )
            await audit.record(
                actor,
                "treatment_series.book_series",
                "treatment_series",
                series_id,
                {
                    "to": "active",
                    "order_id": str(o["id"]),
                    "patient_id": str(o["patient_id"]),
                    "sessions": sessions,
                    "resource_id": str(res["id"]),
                },
            )
            rows = []
            for n, band_id in enumerate(bands, 1):
                row = await common.take_and_insert(
                    booking_id=new_id(),
                    band_id=band_id,
                    order=o,
                    account_id=account_of(actor),
                    booked_by=actor.label,
                    idempotency_key=None,
                    request_hash=None,
                    series_id=series_id,
                    session_no=n,
                )
                if row is None:
                    raise Conflict(
                        f"Session {n} of {sessions} was just taken by someone else. Nothing was booked; "
                        "please try again.",
                        code="series_session_unavailable",
                        session_no=n,
                        reason_code="band_full",
                    )
                await lifecycle.record_created(actor, row, "book_session")
                rows.append(row)
            series = {**srows[0], "pattern_local": pattern_local(weekdays, at)}
            await series_notice(series, rows, "booked")
    except asyncpg.UniqueViolationError:
        again = await _replay(actor, idempotency_key, digest)
        if again is None:
            raise
        return again
    return await get_series(actor, series_id)


async def _series_row(actor: Actor, series_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(_SERIES + " WHERE t.id = {}", series_id)
    if not rows:
        raise NotFound("No such treatment course.", code="treatment_series_not_found")
    try:
        await require_patient_access(actor, rows[0]["patient_id"])
    except NotFound:
        raise NotFound("No such treatment course.", code="treatment_series_not_found") from None
    return rows[0]


async def _views(series_rows: list[dict[str, Any]]) -> list[SeriesView]:
    if not series_rows:
        return []
    sessions = await common.booking_rows(
        "b.series_id = ANY({}) AND b.status <> 'rescheduled' ORDER BY b.session_no, b.band_start",
        [s["id"] for s in series_rows],
    )
    names = await masked_names(s["patient_id"] for s in series_rows)
    out = []
    for s in series_rows:
        mine = [booking_view(r, names) for r in sessions if r["series_id"] == s["id"]]
        count = {k: sum(1 for v in mine if v.status == k) for k in ("completed", "cancelled", "no_show")}
        upcoming = sorted((v for v in mine if v.status in lifecycle.ACTIVE), key=lambda v: v.band_start)
        out.append(
            SeriesView(
                id=s["id"],
                series_no=s["series_no"],
                status=s["status"],
                status_label=SERIES_STATUS_LABELS[s["status"]],
                patient_id=s["patient_id"],
                patient_name_masked=names.get(s["patient_id"], ""),
                order_id=s["order_id"],
                item_code=s["item_code"],
                item_name=s["item_name"],
                prep_notes=s["item_prep_notes"],
                resource_id=s["resource_id"],
                resource_name=s["resource_name"],
                location=s["resource_location"],
                pattern_local=pattern_local(list(s["weekdays"]), s["time_local"]),
                sessions_total=s["sessions"],
                done=count["completed"],
                remaining=len(upcoming),
                cancelled=count["cancelled"],
                missed=count["no_show"],
                next_session=upcoming[0] if upcoming else None,
                sessions=mine,
                created_at=s["created_at"],
            )
        )
    return out


async def get_series(actor: Actor, series_id: uuid.UUID) -> SeriesView:
    return (await _views([await _series_row(actor, series_id)]))[0]


async def list_series(actor: Actor, patient_id: uuid.UUID | None = None) -> list[SeriesView]:
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose treatment courses to list.", code="patient_required")
    rows = await db.fetch(
        _SERIES
        + " WHERE t.patient_id = ANY({}) ORDER BY (t.status = 'active') DESC, t.created_at DESC LIMIT 50",
        ids,
    )
    return await _views(rows)


async def cancel_rest(actor: Actor, series_id: uuid.UUID, cmd: CancelSeries) -> SeriesView:
    """Cancel every session still to come that may be cancelled online (before its cutoff); the
    course ends. A session already inside its cutoff stays booked (the department cancels it)."""
    s = await _series_row(actor, series_id)
    now = clock.now()
    async with db.transaction():
        await common.lock_patient(s["patient_id"])
        await lifecycle.apply_series(actor, series_id, "cancel_rest", reason=cmd.reason or "patient")
        todo = await common.booking_rows(
            "b.series_id = {} AND b.status = 'booked' ORDER BY b.session_no", series_id
        )
        cancelled = []
        for r in todo:
            if now > cancel_until(r["band_start"]):
                continue
            await lifecycle.apply(actor, r["id"], "cancel", reason=cmd.reason or "course cancelled")
            cancelled.append(r)
        if cancelled:
            series = {**s, "pattern_local": pattern_local(list(s["weekdays"]), s["time_local"])}
            await series_notice(series, cancelled, "cancelled")
    return await get_series(actor, series_id)


async def settle(actor: Actor, series_id: uuid.UUID) -> None:
    """A course with no session left to come is finished (in the caller's transaction)."""
    rows = await db.fetch(
        "SELECT t.status, (SELECT count(*) FROM exam_booking b WHERE b.series_id = t.id"
        " AND b.status IN ('booked', 'checked_in')) AS upcoming FROM treatment_series t WHERE t.id = {}",
        series_id,
    )
    if rows and rows[0]["status"] == "active" and rows[0]["upcoming"] == 0:
        await lifecycle.apply_series(actor, series_id, "finish", reason="no session left to come")
