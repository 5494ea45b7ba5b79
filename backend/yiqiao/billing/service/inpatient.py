"""Inpatient money (002 §2.1.1.2.3, .4, .7, .9(2)(3), .23(2)): admissions as billing knows them,
their balance, the daily itemised list (每日清单), the low-balance reminder, and the discharge
pre-settlement and settlement (出院预结算 / 出院结算).

- Admissions come from the HIS (``HisProvider.open_admissions``): :func:`sync_admissions` (the
  worker, every minute, and any list of a patient's stays) records each stay of a patient we know
  and follows the HIS's discharge-order state through ``billing.admission_lifecycle``; once the
  ward nurse has verified the discharge orders, the stay is pre-settled.
- Balance = deposits paid and not refunded (the deposit orders' money columns, usable as soon as
  the payment is applied) - the charges the HIS has posted so far.
- Settlement: the patient's share (charges - the insurance fund's share) against the deposits
  held. More deposits than the share: the remainder goes back to the deposits' payments, the most
  recent first, each to its own path (``refunds.request_refund``, initiated_by 'discharge').
  Less: one 'discharge' order for the difference (subject ``('admission', id)``), paid like any
  other. The stay is settled when that order is paid, or when every refund has succeeded; the HIS
  is told then (and of every deposit movement) by event subscribers, so a slow HIS never holds up
  a payment."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections import defaultdict
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import admission_lifecycle as lifecycle
from yiqiao.billing.inpatient_types import (
    AdmissionView,
    CategoryTotal,
    ChargeLineView,
    DailyList,
    DayCharges,
    PreSettlementView,
    SettlementView,
)
from yiqiao.billing.service.insurance import notify_url as insurance_notify_url
from yiqiao.billing.types import NewOrder, OrderItemIn, RefundCommand
from yiqiao.identity.service import directory, patients
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.identity.service.names import masked_names
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.his import get_his_provider
from yiqiao.integrations.his.inpatient_types import HisAdmission, HisCharge
from yiqiao.integrations.insurance import get_insurance_provider
from yiqiao.integrations.insurance.base import FeeLine, FeeUpload, SettleRequest
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound, Unavailable
from yiqiao.kit.ids import new_id
from yiqiao.kit.money import yuan
from yiqiao.notify.service import notify
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing.inpatient")

CATEGORY_LABELS = {
    "bed": "床位费",
    "nursing": "护理费",
    "consultation": "诊查费",
    "drug": "西药费",
    "herb": "中药费",
    "exam": "检查费",
    "lab": "化验费",
    "treatment": "治疗费",
    "material": "材料费",
    "other": "其他",
}
MAX_LIST_DAYS = 366
SUBJECT = "admission"  # the discharge order's subject type

# What the deposits of a stay hold: paid, less refunded and less what is being refunded.
_DEPOSITS_HELD = (
    "SELECT d.admission_id, coalesce(sum(o.paid_fen - o.refunded_fen - o.refund_held_fen), 0) AS held"
    " FROM inpatient_deposit d JOIN billing_order o ON o.id = d.order_id"
    " WHERE d.admission_id = ANY({}) GROUP BY d.admission_id"
)


_ONE = "SELECT * FROM inpatient_admission WHERE id = {}"
_LOCKED = _ONE + " FOR UPDATE"


def not_found() -> NotFound:
    return NotFound("No such stay in hospital.", code="admission_not_found")


# --- the HIS side: which stays exist ------------------------------------------------------------


class SyncReport(msgspec.Struct, kw_only=True):
    added: int = 0
    changed: int = 0
    presettled: int = 0
    settled_offline: int = 0
    unknown_patients: int = 0


async def _institution_ids() -> dict[str, uuid.UUID]:
    return {i.code: i.id for i in await directory.institutions()}


async def sync_admissions(actor: Actor = SYSTEM) -> SyncReport:
    """Bring every stay the HIS has open (and every one we still hold open) up to date: two
    queries when nothing changed, work only for what did."""
    his = get_his_provider()
    report = SyncReport()
    current = {a.admission_no: a for a in await his.open_admissions()}
    ours = {
        r["admission_no"]: r
        for r in await db.fetch(
            "SELECT * FROM inpatient_admission WHERE admission_no = ANY({}) OR status = ANY({})",
            list(current),
            list(lifecycle.OPEN),
        )
    }
    for no, row in ours.items():
        if no not in current and row["status"] in lifecycle.OPEN:
            gone = await his.get_admission(no)  # discharged at the HIS since we last looked
            if gone is not None:
                current[no] = gone
    institutions: dict[str, uuid.UUID] | None = None
    for no, adm in current.items():
        row_or_none = ours.get(no)
        if row_or_none is None:
            institutions = institutions or await _institution_ids()
            row_or_none = await _record(actor, adm, institutions)
            if row_or_none is None:
                report.unknown_patients += 1
                continue
            report.added += 1
        await _follow(actor, adm, row_or_none, report)
    return report


async def _follow(actor: Actor, adm: HisAdmission, row: dict[str, Any], report: SyncReport) -> None:
    """Apply what the HIS says about one stay we know: ward and bed, and its discharge state."""
    if (row["ward"], row["bed"], row["department"], row["his_status"]) != (
        adm.ward,
        adm.bed,
        adm.department,
        adm.status,
    ):
        async with db.transaction():
            await db.execute(
                "UPDATE inpatient_admission SET ward = {}, bed = {}, department = {}, his_status = {},"
                " updated_at = {} WHERE id = {}",
                adm.ward,
                adm.bed,
                adm.department,
                adm.status,
                clock.now(),
                row["id"],
            )
            if (row["ward"], row["bed"], row["department"]) != (adm.ward, adm.bed, adm.department):
                await audit.record(
                    actor,
                    "inpatient_admission.transfer",
                    "inpatient_admission",
                    row["id"],
                    {
                        "admission_no": row["admission_no"],
                        "from": f"{row['department']}/{row['ward']}/{row['bed']}",
                        "to": f"{adm.department}/{adm.ward}/{adm.bed}",
                    },
                    institution_id=row["institution_id"],
                )
        report.changed += 1
    status = row["status"]
    try:
        if adm.status == "discharged":
            if status in lifecycle.OPEN:
                # Settled at the hospital's window: an open discharge order left behind closes
                # unpaid, or is refunded if paid after all (``discharge_paid`` refuses it).
                await lifecycle.apply(
                    actor,
                    row["id"],
                    "settle_offline",
                    reason="the stay was settled at the hospital",
                    values={"settled_at": adm.discharged_at or clock.now()},
                )
                report.settled_offline += 1
            return
        if status == "settled" and adm.status == "orders_verified" and row["charges_fen"] is not None:
            await _tell_his_settled(row)  # settled here, not yet at the centre and the HIS: again
            return
        if adm.status in ("discharge_ordered", "orders_verified") and status == "in_stay":
            await lifecycle.apply(actor, row["id"], "order_discharge", reason="出院单 issued at the HIS")
            status = "discharge_ordered"
        if adm.status == "orders_verified" and status == "discharge_ordered":
            await pre_settle(actor, row["id"])
            report.presettled += 1
    except Conflict:
        # Someone else moved the stay on meanwhile (another sync, the patient settling): fine.
        log.info("admission %s moved on during sync", adm.admission_no)
    except Unavailable as exc:
        log.warning("admission %s: %s; tried again at the next sync", adm.admission_no, exc.detail)


async def _record(
    actor: Actor, adm: HisAdmission, institutions: dict[str, uuid.UUID]
) -> dict[str, Any] | None:
    """A stay we have not seen: record it for the patient with this ID number, if we know them."""
    institution_id = institutions.get(adm.institution_code)
    if institution_id is None:
        return None
    try:
        patient_id = await patients.patient_id_by_id_number(adm.id_number)
    except Invalid:
        return None
    if patient_id is None:
        return None
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO inpatient_admission (id, institution_id, patient_id, admission_no, department,"
            " ward, bed, admitted_at, his_status, status) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {},"
            " 'in_stay') ON CONFLICT (admission_no) DO NOTHING RETURNING *",
            new_id(),
            institution_id,
            patient_id,
            adm.admission_no,
            adm.department,
            adm.ward,
            adm.bed,
            adm.admitted_at,
            adm.status,
        )
        if not rows:
            again = await db.fetch(
                "SELECT * FROM inpatient_admission WHERE admission_no = {}", adm.admission_no
            )
            return again[0]
        await audit.record(
            actor,
            "inpatient_admission.admit",
            "inpatient_admission",
            rows[0]["id"],
            {
                "to": "in_stay",
                "admission_no": adm.admission_no,
                "patient_id": str(patient_id),
                "ward": adm.ward,
                "bed": adm.bed,
            },
            institution_id=institution_id,
        )
    return rows[0]


async def ensure_admission(admission_no: str) -> dict[str, Any] | None:
    """Our record of one open stay, fetching it from the HIS first if we have not seen it yet."""
    rows = await db.fetch("SELECT * FROM inpatient_admission WHERE admission_no = {}", admission_no)
    if rows:
        return rows[0]
    adm = await get_his_provider().get_admission(admission_no)
    if adm is None or adm.status == "discharged":
        return None
    row = await _record(SYSTEM, adm, await _institution_ids())
    if row is not None:
        await _follow(SYSTEM, adm, row, SyncReport())
        rows = await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", row["id"])
        return rows[0]
    return None


# --- reading ------------------------------------------------------------------------------------


async def load_visible(actor: Actor, admission_id: uuid.UUID, *, lock: bool = False) -> dict[str, Any]:
    """The admission row for someone who may act for its patient (staff: of its institution);
    the same 404 whether it is missing or someone else's."""
    rows = await db.fetch(_LOCKED if lock else _ONE, admission_id)
    if not rows:
        raise not_found()
    row = rows[0]
    if actor.kind == "staff":
        if actor.institution_id != row["institution_id"]:
            raise not_found()
        return row
    try:
        await require_patient_access(actor, row["patient_id"])
    except NotFound:
        raise not_found() from None
    return row


async def deposits_held(admission_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = await db.fetch(_DEPOSITS_HELD, admission_ids)
    return {r["admission_id"]: int(r["held"]) for r in rows}


async def charges_of(admission_no: str) -> list[HisCharge]:
    return await get_his_provider().inpatient_charges(admission_no)


def _presettlement(row: dict[str, Any], held: int) -> PreSettlementView | None:
    if row["charges_fen"] is None or row["presettled_at"] is None:
        return None
    diff = row["self_pay_fen"] - held
    if row["status"] == "settled":
        diff = 0
    return PreSettlementView(
        charges_fen=row["charges_fen"],
        insurance_fen=row["insurance_fen"],
        self_pay_fen=row["self_pay_fen"],
        deposits_fen=held,
        due_fen=max(diff, 0),
        refund_fen=max(-diff, 0) if row["status"] != "settling" else row["refund_fen"],
        presettled_at=row["presettled_at"],
        insurance_note=row["insurance_note"],
    )


def _balance(row: dict[str, Any], deposits: int, charged: int) -> int:
    """In a bed: deposits - charges so far (negative: in arrears). Once pre-settled: deposits -
    the patient's share (negative: still due). Settled: nothing is owed either way."""
    if row["status"] == "settled":
        return 0
    if row["self_pay_fen"] is not None and row["status"] in ("pre_settled", "settling"):
        return deposits - int(row["self_pay_fen"])
    return deposits - charged


async def views(rows: list[dict[str, Any]]) -> list[AdmissionView]:
    if not rows:
        return []
    threshold = get_settings().inpatient_low_balance_fen
    held = await deposits_held([r["id"] for r in rows])
    names = await masked_names(r["patient_id"] for r in rows)
    out = []
    for r in rows:
        charges = await charges_of(r["admission_no"])
        charged = sum(c.amount_fen for c in charges)
        deposits = held.get(r["id"], 0)
        balance = _balance(r, deposits, charged)
        out.append(
            AdmissionView(
                id=r["id"],
                admission_no=r["admission_no"],
                patient_id=r["patient_id"],
                patient_name_masked=names.get(r["patient_id"], ""),
                institution_id=r["institution_id"],
                department=r["department"],
                ward=r["ward"],
                bed=r["bed"],
                admitted_at=r["admitted_at"],
                days=len({c.day for c in charges}),
                status=r["status"],
                status_text=lifecycle.STATUS_WORDS.get(r["status"], r["status"]),
                deposits_fen=deposits,
                charges_fen=charged,
                balance_fen=balance,
                low_balance=r["status"] == "in_stay" and balance < threshold,
                low_balance_threshold_fen=threshold,
                takes_deposits=r["status"] in lifecycle.TAKES_DEPOSITS,
                presettlement=_presettlement(r, deposits),
                discharge_order_id=r["discharge_order_id"],
                settled_at=r["settled_at"],
            )
        )
    return out


async def list_admissions(actor: Actor, *, patient_id: uuid.UUID | None = None) -> list[AdmissionView]:
    """Stays of one profile, or of every profile the account manages (the citizen at a kiosk),
    newest first, each with its balance."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose stays in hospital to list.", code="patient_required")
    await sync_admissions()
    rows = await db.fetch(
        "SELECT * FROM inpatient_admission WHERE patient_id = ANY({}) ORDER BY admitted_at DESC LIMIT 50", ids
    )
    return await views(rows)


async def get_admission(actor: Actor, admission_id: uuid.UUID) -> AdmissionView:
    row = await load_visible(actor, admission_id)
    return (await views([row]))[0]


def _line(c: HisCharge) -> ChargeLineView:
    return ChargeLineView(
        line_no=c.line_no,
        code=c.code,
        name=c.name,
        category=c.category,
        spec=c.spec,
        unit=c.unit,
        unit_fen=c.unit_fen,
        quantity=c.quantity,
        amount_fen=c.amount_fen,
        insurance_class=c.insurance_class,
    )


async def daily_list(
    actor: Actor,
    admission_id: uuid.UUID,
    *,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> DailyList:
    """每日清单 of one day (``first_day`` = ``last_day``) or of a period; the whole stay by default."""
    if first_day is not None and last_day is not None:
        if first_day > last_day:
            raise Invalid("The period ends before it begins.", code="period_invalid")
        if (last_day - first_day).days >= MAX_LIST_DAYS:
            raise Invalid(f"Ask for at most {MAX_LIST_DAYS} days at a time.", code="period_too_long")
    row = await load_visible(actor, admission_id)
    charges = [
        c
        for c in await charges_of(row["admission_no"])
        if (first_day is None or c.day >= first_day) and (last_day is None or c.day <= last_day)
    ]
    by_day: dict[dt.date, list[HisCharge]] = defaultdict(list)
    by_category: dict[str, int] = defaultdict(int)
    for c in charges:
        by_day[c.day].append(c)
        by_category[c.category] += c.amount_fen
    admitted_on = clock.local(row["admitted_at"]).date()
    names = await masked_names([row["patient_id"]])
    return DailyList(
        admission_id=row["id"],
        admission_no=row["admission_no"],
        patient_name_masked=names.get(row["patient_id"], ""),
        first_day=first_day or (min(by_day) if by_day else admitted_on),
        last_day=last_day or (max(by_day) if by_day else admitted_on),
        total_fen=sum(c.amount_fen for c in charges),
        by_category=[
            CategoryTotal(category=k, label=CATEGORY_LABELS.get(k, k), amount_fen=v)
            for k, v in sorted(by_category.items(), key=lambda kv: -kv[1])
        ],
        days=[
            DayCharges(day=d, total_fen=sum(c.amount_fen for c in lines), lines=[_line(c) for c in lines])
            for d, lines in sorted(by_day.items())
        ],
    )


# --- discharge ----------------------------------------------------------------------------------


def fee_lines(charges: list[HisCharge]) -> list[FeeLine]:
    """The stay's charges as the insurance centre's fee details (费用明细): one line per item and
    price, its quantities summed over the stay."""
    grouped: dict[tuple[str, str, str, int, str], int] = {}
    for c in charges:
        k = (c.code, c.name, c.category, c.unit_fen, c.insurance_class)
        grouped[k] = grouped.get(k, 0) + c.quantity
    return [
        FeeLine(
            line_no=n,
            code=code,
            name=name,
            category=category,
            unit_fen=unit,
            quantity=qty,
            amount_fen=unit * qty,
            insurance_class=cls,  # type: ignore[arg-type]
        )
        for n, ((code, name, category, unit, cls), qty) in enumerate(sorted(grouped.items()), 1)
    ]


class _Insurance(msgspec.Struct, kw_only=True):
    insurance_fen: int = 0
    pay_order_id: str | None = None
    uploads: int = 0
    note: str = ""


async def _insurance_presettle(
    row: dict[str, Any], adm: HisAdmission, charges: list[HisCharge]
) -> _Insurance:
    """The insurance centre's pre-settlement of the stay (医保住院预结算): upload the fee details and
    take its fund and personal-account shares. A self-pay stay, or a patient the centre does not
    insure (or whose card is frozen), pays everything; a centre that does not answer: try again
    later (503; the sync retries every minute)."""
    uploads = row["insurance_uploads"]
    if adm.insurance_type == "self_pay":
        return _Insurance(uploads=uploads, note="self_pay: registered at the HIS as self-pay")
    total = sum(c.amount_fen for c in charges)
    if total <= 0:
        return _Insurance(uploads=uploads, note="no charges")
    prov = get_insurance_provider()
    try:
        person = await prov.find_insured(id_number=adm.id_number, name=adm.name)
        if person.status != "active":
            return _Insurance(uploads=uploads, note=f"not covered: the insurance card is {person.status}")
        institution_code = adm.institution_code
        uploaded = await prov.upload_fees(
            FeeUpload(
                # Its own number per upload, so two pre-settlements racing cannot collide at the
                # centre (only one of them is kept: ``pre_settle``).
                med_org_order_no=f"{adm.admission_no}-{uploads + 1:02d}{secrets.token_hex(2)}",
                institution_code=institution_code,
                psn_no=person.psn_no,
                visit_type="inpatient",
                lines=fee_lines(charges),
                total_fen=total,
                use_account=person.account_balance_fen > 0,
                notify_url=insurance_notify_url(),
            )
        )
        pre = await prov.pre_settle(uploaded.pay_order_id)
    except ProviderError as exc:
        if exc.transient:
            raise Unavailable(
                "The insurance centre did not answer; the pre-settlement is tried again shortly.",
                code="insurance_unavailable",
            ) from None
        return _Insurance(uploads=uploads + 1, note=f"not covered: {exc.code}")
    if pre.total_fen != total or pre.fund_fen + pre.account_fen + pre.cash_fen != total:
        await _revoke_insurance(pre.pay_order_id)
        raise Unavailable("The insurance centre's answer does not add up.", code="insurance_mismatch")
    return _Insurance(
        insurance_fen=pre.fund_fen + pre.account_fen,
        pay_order_id=pre.pay_order_id,
        uploads=uploads + 1,
        note=f"统筹基金{yuan(pre.fund_fen)}元，个人账户{yuan(pre.account_fen)}元，现金{yuan(pre.cash_fen)}元",
    )


async def _revoke_insurance(pay_order_id: str | None) -> None:
    if pay_order_id is None:
        return
    try:
        await get_insurance_provider().revoke(pay_order_id)
    except ProviderError as exc:
        log.warning("insurance upload %s not revoked: %s", pay_order_id, exc)


async def pre_settle(actor: Actor, admission_id: uuid.UUID) -> AdmissionView:
    """出院预结算 (the cashier's step, run by the system once the ward nurse has verified the
    discharge orders): freeze the charges and the shares, and tell the patient what is due."""
    if actor.kind not in ("staff", "system"):
        raise Forbidden("The hospital runs the pre-settlement.", code="presettle_staff_only")
    row = await load_visible(actor, admission_id)
    his = get_his_provider()
    adm = await his.get_admission(row["admission_no"])
    if adm is None or adm.status != "orders_verified":
        raise Conflict(
            "The ward has not verified the discharge orders yet; the charges are not final.",
            code="orders_not_verified",
        )
    if row["status"] not in ("discharge_ordered", "pre_settled"):
        raise Conflict(
            f"This stay is {lifecycle.STATUS_WORDS.get(row['status'], row['status'])}.",
            code="admission_wrong_state",
            status=row["status"],
        )
    charges = await his.inpatient_charges(row["admission_no"])
    total = sum(c.amount_fen for c in charges)
    ins = await _insurance_presettle(row, adm, charges)
    insurance = min(ins.insurance_fen, total)
    held = (await deposits_held([admission_id])).get(admission_id, 0)
    try:
        async with db.transaction():
            now = await db.fetch(_LOCKED, admission_id)
            if now[0]["presettled_at"] != row["presettled_at"]:
                raise Conflict("The stay was pre-settled meanwhile.", code="presettled_meanwhile")
            updated = await lifecycle.apply(
                actor,
                admission_id,
                "pre_settle",
                reason="出院预结算",
                values={
                    "charges_fen": total,
                    "insurance_fen": insurance,
                    "self_pay_fen": total - insurance,
                    "deposits_fen": held,
                    "presettled_at": clock.now(),
                    "insurance_pay_order_id": ins.pay_order_id,
                    "insurance_uploads": ins.uploads,
                    "insurance_note": ins.note,
                },
            )
            await _presettle_notice(updated, held)
    except Conflict:
        await _revoke_insurance(ins.pay_order_id)
        raise
    if row["insurance_pay_order_id"] and row["insurance_pay_order_id"] != ins.pay_order_id:
        await _revoke_insurance(row["insurance_pay_order_id"])  # the pre-settlement it replaces
    return (await views([updated]))[0]


async def _presettle_notice(row: dict[str, Any], held: int) -> None:
    account = await directory.self_account_of(row["patient_id"])
    if account is None:
        return
    diff = row["self_pay_fen"] - held
    if diff > 0:
        what = f"预交金{yuan(held)}元，需补缴{yuan(diff)}元"
    elif diff < 0:
        what = f"预交金{yuan(held)}元，结算后将原路退还{yuan(-diff)}元"
    else:
        what = f"预交金{yuan(held)}元，无需补缴"
    await notify(
        account,
        "payment",
        "出院预结算",
        f"住院号{row['admission_no']}出院预结算完成：总费用{yuan(row['charges_fen'])}元，医保支付"
        f"{yuan(row['insurance_fen'])}元，个人支付{yuan(row['self_pay_fen'])}元，{what}。点击完成出院结算。",
        dedupe_key=f"inpatient:{row['id']}:presettled:{row['presettled_at'].isoformat()}",
        patient_id=row["patient_id"],
        data={"admission_id": str(row["id"]), "event": "pre_settled", "action": "discharge_settle"},
    )


def _discharge_actor(row: dict[str, Any]) -> Actor:
    """Refunds of the remainder are requested by the system for the stay's institution: one
    requester, so the same refund key is the same refund whoever asked for the settlement."""
    return Actor(kind="system", institution_id=row["institution_id"])


async def settle(actor: Actor, admission_id: uuid.UUID, idempotency_key: str) -> SettlementView:
    """出院结算: pay the difference (a 'discharge' order), or have the remainder refunded to the
    deposits' payments, or close at once when the deposits cover the share exactly."""
    row = await load_visible(actor, admission_id)
    if row["status"] == "settled":
        return await settlement(actor, admission_id)
    if row["status"] not in ("pre_settled", "settling"):
        raise Conflict(
            "The stay is not pre-settled yet (出院预结算 follows the ward's verification of the"
            " discharge orders).",
            code="not_presettled",
            status=row["status"],
        )
    if row["status"] == "settling" and row["discharge_order_id"] is not None:
        return await settlement(actor, admission_id)
    held = (await deposits_held([admission_id])).get(admission_id, 0)
    due = row["self_pay_fen"] - held
    if due > 0 and row["status"] == "pre_settled":
        await _open_discharge_order(actor, row, due, idempotency_key)
    elif due < 0:
        from yiqiao.billing.service import refunds

        for refund_id in await _refund_remainder(actor, admission_id):
            # Sent at once (the worker would send them too: the same refund number is one refund).
            await refunds.submit(refund_id)
    await finish_if_done(actor, admission_id)
    return await settlement(actor, admission_id)


async def _open_discharge_order(actor: Actor, row: dict[str, Any], due: int, key: str) -> None:
    from yiqiao.billing.service import orders

    cmd = NewOrder(
        patient_id=row["patient_id"],
        kind="discharge",
        title=f"出院结算补缴 住院号{row['admission_no']}",
        items=[
            OrderItemIn(
                code="DISCHARGE-DUE",
                name=f"出院结算补缴(住院号{row['admission_no']})",
                category="other",
                unit_fen=due,
                quantity=1,
                his_ref=row["admission_no"],
                refundable=False,
            )
        ],
        institution_id=row["institution_id"],
        subject_type=SUBJECT,
        subject_id=str(row["id"]),
    )
    try:
        order = await orders.create_order(actor, cmd, key, access_checked=True)
    except Conflict as exc:
        if exc.code == "subject_already_billed":  # someone settled a moment ago: that order stands
            return
        raise
    try:
        await lifecycle.apply(
            actor,
            row["id"],
            "await_payment",
            reason=f"order {order.order_no}",
            values={"discharge_order_id": order.id},
        )
    except Conflict:
        log.info(
            "admission %s: settled meanwhile; order %s stays as it is", row["admission_no"], order.order_no
        )


async def _refund_plan(admission_id: uuid.UUID) -> list[dict[str, Any]]:
    """The stay's paid deposit orders, most recent payment first, with what each still holds."""
    return await db.fetch(
        "SELECT o.id, o.order_no, o.paid_at, o.paid_fen - o.refunded_fen - o.refund_held_fen AS left_fen,"
        " (SELECT count(*) FROM billing_refund r WHERE r.order_id = o.id AND r.initiated_by = 'discharge')"
        " AS attempts FROM inpatient_deposit d JOIN billing_order o ON o.id = d.order_id"
        " WHERE d.admission_id = {} AND o.paid_fen - o.refunded_fen - o.refund_held_fen > 0"
        " ORDER BY o.paid_at DESC, o.created_at DESC",
        admission_id,
    )


async def _refund_remainder(actor: Actor, admission_id: uuid.UUID) -> list[uuid.UUID]:
    """In one transaction holding the deposits' orders and then the stay (the order a payment
    locks them in, so no deadlock), work out what the deposits hold beyond the patient's share and
    ask for it back, the most recent deposit first, each to its own path. A second settlement
    waits here and then finds nothing left to ask for. Returns the refunds to send."""
    from yiqiao.billing.service import refunds

    made: list[uuid.UUID] = []
    async with db.transaction():
        await db.fetch(
            "SELECT o.id FROM billing_order o JOIN inpatient_deposit d ON d.order_id = o.id"
            " WHERE d.admission_id = {} ORDER BY o.id FOR UPDATE OF o",
            admission_id,
        )
        row = (await db.fetch(_LOCKED, admission_id))[0]
        if row["status"] not in ("pre_settled", "settling") or row["discharge_order_id"] is not None:
            return made
        held = (await deposits_held([admission_id])).get(admission_id, 0)
        amount = held - row["self_pay_fen"]
        if amount <= 0:
            return made
        asked = await db.fetch(
            "SELECT coalesce(sum(r.amount_fen), 0) AS n FROM billing_refund r"
            " JOIN inpatient_deposit d ON d.order_id = r.order_id"
            " WHERE d.admission_id = {} AND r.initiated_by = 'discharge' AND r.status <> 'failed'",
            admission_id,
        )
        await lifecycle.apply(
            actor,
            admission_id,
            "await_refunds",
            reason="出院结算退预交金余额",
            values={"refund_fen": int(asked[0]["n"]) + amount},
        )
        left = amount
        system = _discharge_actor(row)
        for order in await _refund_plan(admission_id):
            if left <= 0:
                break
            part = min(left, int(order["left_fen"]))
            refund = await refunds.request_refund(
                system,
                order["id"],
                RefundCommand(reason=f"出院结算退预交金余额(住院号{row['admission_no']})", amount_fen=part),
                f"discharge-{order['id'].hex}-{order['attempts']}",
                initiated_by="discharge",
            )
            made.append(refund.id)
            left -= part
    return made


async def finish_if_done(actor: Actor, admission_id: uuid.UUID) -> bool:
    """Settle the stay when nothing is left to do: the difference paid, every refund of the
    remainder through, or nothing due at all. Returns whether the stay is settled."""
    rows = await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", admission_id)
    row = rows[0]
    if row["status"] == "settled":
        return True
    if row["status"] not in ("pre_settled", "settling") or row["discharge_order_id"] is not None:
        return False
    held = (await deposits_held([admission_id])).get(admission_id, 0)
    processing = await db.fetch(
        "SELECT count(*) AS n FROM billing_refund r JOIN inpatient_deposit d ON d.order_id = r.order_id"
        " WHERE d.admission_id = {} AND r.status = 'processing' AND r.initiated_by <> 'late_payment'",
        admission_id,
    )
    if held != row["self_pay_fen"] or processing[0]["n"]:
        return False
    try:
        await _settled(actor, row, "the deposits cover the patient's share")
    except Conflict:
        return False
    return True


async def _settled(actor: Actor, row: dict[str, Any], reason: str) -> None:
    async with db.transaction():
        done = await lifecycle.apply(
            actor, row["id"], "settle", reason=reason, values={"settled_at": clock.now()}
        )
        account = await directory.self_account_of(row["patient_id"])
        if account is not None:
            await notify(
                account,
                "payment",
                "出院结算完成",
                f"住院号{row['admission_no']}出院结算已完成：总费用{yuan(row['charges_fen'])}元，医保支付"
                f"{yuan(row['insurance_fen'])}元，个人支付{yuan(row['self_pay_fen'])}元"
                + (f"，预交金余额{yuan(done['refund_fen'])}元已原路退还" if done["refund_fen"] else "")
                + "。祝您早日康复。",
                dedupe_key=f"inpatient:{row['id']}:settled",
                patient_id=row["patient_id"],
                data={"admission_id": str(row["id"]), "event": "settled"},
            )
    await _tell_his_settled(done)


async def post_deposits_to_his(admission_id: uuid.UUID) -> None:
    """Bring the HIS's deposit ledger up to date with ours: every top-up the stay took, and every
    refund of one that went through (each posted once: the references are ours). Events arrive
    in any order; this makes the order they are posted in not matter."""
    from yiqiao.billing.service import deposits

    his = get_his_provider()
    for d in await db.fetch(
        "SELECT d.*, a.admission_no FROM inpatient_deposit d"
        " JOIN inpatient_admission a ON a.id = d.admission_id"
        " WHERE d.admission_id = {} AND d.paid_at IS NOT NULL ORDER BY d.paid_at",
        admission_id,
    ):
        await deposits.post_to_his(d)
        for r in await db.fetch(
            "SELECT id, amount_fen FROM billing_refund WHERE order_id = {} AND status = 'succeeded'"
            " AND initiated_by <> 'late_payment' ORDER BY finished_at",  # a late payment never counted
            d["order_id"],
        ):
            await his.post_deposit(d["admission_no"], ref=f"YQ-R-{r['id']}", amount_fen=-r["amount_fen"])


async def _tell_his_settled(row: dict[str, Any]) -> None:
    """Once the patient's share is in (deposits, the discharge order): the insurance centre
    settles its share, the HIS gets every deposit movement and closes the stay. Nothing here
    raises: a centre or HIS that does not answer is asked again by the sync (every minute, while
    the HIS holds the stay open); a refusal is logged and noted, and the cashier finishes it."""
    if row["insurance_pay_order_id"] and not row["insurance_setl_id"]:
        if row["insurance_note"].startswith("settlement refused"):
            return
        try:
            done = await get_insurance_provider().settle(
                SettleRequest(
                    pay_order_id=row["insurance_pay_order_id"],
                    cash_fen=row["self_pay_fen"],
                    cash_payment_ref=f"YQ-{row['id']}",
                )
            )
        except ProviderError as exc:
            log.warning("admission %s: the insurance centre did not settle: %s", row["admission_no"], exc)
            if not exc.transient:
                async with db.transaction():
                    await db.execute(
                        "UPDATE inpatient_admission SET insurance_note = {}, updated_at = {} WHERE id = {}",
                        f"settlement refused: {exc.code}",
                        clock.now(),
                        row["id"],
                    )
                    await audit.record(
                        SYSTEM,
                        "inpatient_admission.insurance_refused",
                        "inpatient_admission",
                        row["id"],
                        {"admission_no": row["admission_no"], "code": exc.code},
                        institution_id=row["institution_id"],
                    )
            return
        async with db.transaction():
            await db.execute(
                "UPDATE inpatient_admission SET insurance_setl_id = {}, updated_at = {} WHERE id = {}",
                done.setl_id,
                clock.now(),
                row["id"],
            )
            await audit.record(
                SYSTEM,
                "inpatient_admission.insurance_settle",
                "inpatient_admission",
                row["id"],
                {
                    "admission_no": row["admission_no"],
                    "setl_id": done.setl_id,
                    "fund_fen": done.fund_fen,
                    "account_fen": done.account_fen,
                    "cash_fen": done.cash_fen,
                },
                institution_id=row["institution_id"],
            )
    try:
        await post_deposits_to_his(row["id"])
        await get_his_provider().settle_discharge(
            row["admission_no"],
            ref=f"YQ-{row['id']}",
            charges_fen=row["charges_fen"],
            insurance_fen=row["insurance_fen"],
            self_pay_fen=row["self_pay_fen"],
        )
    except ProviderError as exc:
        log.warning("admission %s: the HIS did not take the settlement: %s", row["admission_no"], exc)


async def settlement(actor: Actor, admission_id: uuid.UUID) -> SettlementView:
    from yiqiao.billing.service import orders
    from yiqiao.billing.service.queries import refund_view

    row = await load_visible(actor, admission_id)
    order = None
    if row["discharge_order_id"] is not None:
        order = await orders.get_order(actor, row["discharge_order_id"], access_checked=True)
    refund_rows = await db.fetch(
        "SELECT r.*, p.provider, o.order_no FROM billing_refund r"
        " JOIN inpatient_deposit d ON d.order_id = r.order_id JOIN billing_order o ON o.id = r.order_id"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id"
        " WHERE d.admission_id = {} AND r.initiated_by = 'discharge' ORDER BY r.created_at",
        admission_id,
    )
    return SettlementView(
        admission=(await views([row]))[0],
        discharge_order=order,
        refunds=[refund_view(r, r["order_no"], r["provider"]) for r in refund_rows],
    )


# --- subject hooks and event subscribers (billing.subjects, billing.events) -------------------


async def discharge_paid(actor: Actor, subject_id: str) -> None:
    """``on_paid`` of subject 'admission': the discharge order is paid, the stay is settled (in
    the payment's transaction). A stay no longer waiting for that order raises Conflict: the
    payment goes back."""
    admission_id = uuid.UUID(subject_id)
    rows = await db.fetch("SELECT * FROM inpatient_admission WHERE id = {} FOR UPDATE", admission_id)
    if not rows or rows[0]["status"] != "settling" or rows[0]["discharge_order_id"] is None:
        raise Conflict("This stay is no longer waiting for this payment.", code="admission_not_settling")
    row = rows[0]
    await lifecycle.apply(
        actor,
        admission_id,
        "settle",
        reason="the discharge order is paid",
        values={"settled_at": clock.now()},
    )
    account = await directory.self_account_of(row["patient_id"])
    if account is not None:
        await notify(
            account,
            "payment",
            "出院结算完成",
            f"住院号{row['admission_no']}出院结算已完成：总费用{yuan(row['charges_fen'])}元，医保支付"
            f"{yuan(row['insurance_fen'])}元，个人支付{yuan(row['self_pay_fen'])}元。祝您早日康复。",
            dedupe_key=f"inpatient:{row['id']}:settled",
            patient_id=row["patient_id"],
            data={"admission_id": str(row["id"]), "event": "settled"},
        )


async def discharge_closed(actor: Actor, subject_id: str) -> None:
    """``on_closed`` of subject 'admission': the discharge order closed unpaid; settle again."""
    admission_id = uuid.UUID(subject_id)
    rows = await db.fetch("SELECT status FROM inpatient_admission WHERE id = {}", admission_id)
    if rows and rows[0]["status"] == "settling":
        await lifecycle.apply(
            actor,
            admission_id,
            "reopen",
            reason="the discharge order closed unpaid",
            values={"discharge_order_id": None},
        )


async def on_order_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """After a discharge order is paid: the HIS closes the stay (idempotent by reference)."""
    rows = await db.fetch(
        "SELECT a.* FROM inpatient_admission a JOIN billing_order o ON o.subject_type = {}"
        " AND o.subject_id = a.id::text WHERE o.id = {} AND o.kind = 'discharge'",
        SUBJECT,
        order_id,
    )
    if rows and rows[0]["status"] == "settled" and rows[0]["discharge_order_id"] == order_id:
        await _tell_his_settled(rows[0])


async def on_refund_succeeded(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """After money went back from a deposit: the HIS's deposit ledger, and the stay settles when
    its last refund of the remainder is through."""
    rows = await db.fetch(
        "SELECT d.admission_id, a.admission_no FROM inpatient_deposit d"
        " JOIN inpatient_admission a ON a.id = d.admission_id WHERE d.order_id = {}",
        order_id,
    )
    if not rows:
        return
    try:
        await post_deposits_to_his(rows[0]["admission_id"])
    except ProviderError as exc:
        if exc.transient:
            raise
        log.warning("admission %s: the HIS refused a deposit posting: %s", rows[0]["admission_no"], exc)
    await finish_if_done(SYSTEM, rows[0]["admission_id"])


# --- the low-balance reminder (住院补缴提醒, 002 §2.1.1.2.7, §2.1.1.2.23(2)) ----------------------


def _reminder_start(day: dt.date) -> dt.datetime:
    h, m = (int(x) for x in get_settings().inpatient_low_balance_time.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


async def remind_low_balances(now: dt.datetime | None = None) -> int:
    """One reminder per stay and day, from the reminder time on, while the balance of a stay in
    a bed is below the threshold; tapping it opens the top-up page. Returns how many were sent."""
    now = now or clock.now()
    today = clock.local(now).date()
    if now < _reminder_start(today):
        return 0
    await sync_admissions()
    rows = await db.fetch(
        "SELECT * FROM inpatient_admission WHERE status = 'in_stay' ORDER BY admitted_at LIMIT 5000"
    )
    sent = 0
    for view, row in zip(await views(rows), rows, strict=True):
        if not view.low_balance:
            continue
        account = await directory.self_account_of(row["patient_id"])
        if account is None:
            continue
        owed = (
            f"已欠费{yuan(-view.balance_fen)}元"
            if view.balance_fen < 0
            else f"余额{yuan(view.balance_fen)}元"
        )
        if await notify(
            account,
            "payment",
            "住院预交金不足",
            f"{view.patient_name_masked}（住院号{row['admission_no']}，{row['ward']}{row['bed']}床）预交金{owed}，"
            f"低于{yuan(view.low_balance_threshold_fen)}元，请及时补缴，以免影响治疗。点击立即补缴。",
            dedupe_key=f"inpatient:{row['id']}:low_balance:{today.isoformat()}",
            patient_id=row["patient_id"],
            data={
                "admission_id": str(row["id"]),
                "admission_no": row["admission_no"],
                "balance_fen": str(view.balance_fen),
                "event": "low_balance",
                "action": "deposit_top_up",
            },
        ):
            sent += 1
    return sent


async def sync_cron(ctx: dict[str, Any]) -> None:
    """The worker's cron entry (every minute): follow the HIS's admissions and discharges."""
    report = await sync_admissions()
    if report.added or report.presettled or report.settled_offline:
        log.info("inpatient sync: %s", report)


async def remind_cron(ctx: dict[str, Any]) -> int:
    """The worker's cron entry (twice an hour): low-balance reminders."""
    sent = await remind_low_balances()
    if sent:
        log.info("low-balance reminders: %d sent", sent)
    return sent
