"""The embedded HIS's inpatient side (住院): our own tables (migration 0017) act as the hospital's
ADT and inpatient billing.

The module functions are what happens inside the hospital, as its admission office, doctors,
nurses and wards would do it (demo data, tests): admit a card holder to a ward and bed, move them
to another bed (转床), post an executed order's charge, issue the discharge order (出院单), verify
the orders (护士核对). The wards' daily charging run (``local_inpatient_charging``) posts each day
of the stay once, up to today or the day the discharge order was issued, whenever anyone reads
the charges: the same stay gives the same 每日清单 however often and from wherever it is read.

:class:`LocalInpatientHis` is the HIS interface billing calls, with the HIS's own rules: deposits
are posted once per reference and never taken out beyond what was deposited; nothing is posted
to a closed stay; the discharge settlement needs verified orders and exactly the charges the HIS
holds.

Tables:

- ``local_his_admission``   住院登记: card holder, ward, bed, discharge-order state
- ``local_his_charge``      每日清单 lines ('daily' from the charging run, 'order' as executed)
- ``local_his_charge_run``  which days' charging runs were posted
- ``local_his_deposit``     the deposit ledger (+ top-ups, - the remainder refunded)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.his.inpatient_types import (
    ChargeCategory,
    HisAdmission,
    HisCharge,
    HisDepositPosting,
    InsuranceClass,
    InsuranceType,
)
from yiqiao.integrations.his.local_inpatient_charging import PROFILES, daily_lines
from yiqiao.kit import clock
from yiqiao.kit.ids import new_id
from yiqiao.kit.pii import blind_index, decrypt_pii

# Lines posted by executed orders are numbered from here within their day (the charging run's
# lines come first).
ORDER_LINE_BASE = 1000


_ONE = "SELECT * FROM local_his_admission WHERE admission_no = {}"
_LOCKED = _ONE + " FOR UPDATE"


def _admission(row: dict[str, Any]) -> HisAdmission:
    return HisAdmission(
        admission_no=row["admission_no"],
        institution_code=row["institution_code"],
        card_no=row["card_no"],
        name=decrypt_pii(row["name_enc"]),
        id_number=decrypt_pii(row["id_number_enc"]),
        department=row["department"],
        ward=row["ward"],
        bed=row["bed"],
        insurance_type=row["insurance_type"],
        admitted_at=row["admitted_at"],
        status=row["status"],
        discharge_ordered_at=row["discharge_ordered_at"],
        orders_verified_at=row["orders_verified_at"],
        discharged_at=row["discharged_at"],
    )


def _charge(row: dict[str, Any]) -> HisCharge:
    return HisCharge(
        admission_no=row["admission_no"],
        day=row["charge_day"],
        line_no=row["line_no"],
        code=row["code"],
        name=row["name"],
        category=row["category"],
        spec=row["spec"],
        unit=row["unit"],
        unit_fen=row["unit_fen"],
        quantity=row["quantity"],
        amount_fen=row["amount_fen"],
        insurance_class=row["insurance_class"],
        posted_at=row["posted_at"],
    )


async def _row(admission_no: str, *, lock: bool = False) -> dict[str, Any]:
    rows = await db.fetch(_LOCKED if lock else _ONE, admission_no)
    if not rows:
        raise ProviderError("admission_not_found", f"no admission {admission_no}", transient=False)
    return rows[0]


def _last_charge_day(row: dict[str, Any], today: dt.date) -> dt.date:
    """A stay is charged up to today, or up to the day the discharge order was issued."""
    if row["discharge_ordered_at"] is not None:
        return min(today, clock.local(row["discharge_ordered_at"]).date())
    return today


async def post_charging_runs(admission_no: str, *, through: dt.date | None = None) -> int:
    """Post every day's charging run of the stay not yet posted, up to ``through`` (default
    today); returns how many days were posted. Concurrent callers post each day once."""
    row = await _row(admission_no)
    today = clock.local(clock.now()).date()
    last = _last_charge_day(row, min(through or today, today))
    first = clock.local(row["admitted_at"]).date()
    if last < first:
        return 0
    done = {
        r["charge_day"]
        for r in await db.fetch(
            "SELECT charge_day FROM local_his_charge_run WHERE admission_no = {}", admission_no
        )
    }
    posted = 0
    day = first
    while day <= last:
        if day not in done and await _post_day(row, first, day):
            posted += 1
        day += dt.timedelta(days=1)
    return posted


async def _post_day(row: dict[str, Any], admitted_on: dt.date, day: dt.date) -> bool:
    lines = daily_lines(row["admission_no"], row["charge_profile"], admitted_on, day)
    async with db.transaction():
        # Whoever records the run posts its lines; a concurrent run of the same day waits on the
        # unique key and then finds it done.
        claimed = await db.fetch(
            "INSERT INTO local_his_charge_run (admission_no, charge_day) VALUES ({}, {})"
            " ON CONFLICT DO NOTHING RETURNING charge_day",
            row["admission_no"],
            day,
        )
        if not claimed:
            return False
        await db.execute(
            "INSERT INTO local_his_charge (admission_no, charge_day, line_no, code, name, category, spec,"
            " unit, unit_fen, quantity, amount_fen, insurance_class, source)"
            " SELECT {}, {}, l.n, l.code, l.name, l.category, l.spec, l.unit, l.unit_fen, l.quantity,"
            " l.unit_fen * l.quantity, l.cls, 'daily'"
            " FROM unnest({}::int[], {}::text[], {}::text[], {}::text[], {}::text[], {}::text[],"
            " {}::bigint[], {}::int[], {}::text[]) AS l(n, code, name, category, spec, unit, unit_fen,"
            " quantity, cls)",
            row["admission_no"],
            day,
            list(range(1, len(lines) + 1)),
            [x.code for x in lines],
            [x.name for x in lines],
            [x.category for x in lines],
            [x.spec for x in lines],
            [x.unit for x in lines],
            [x.unit_fen for x in lines],
            [x.quantity for x in lines],
            [x.insurance_class for x in lines],
        )
    return True


# --- inside the hospital (demo data, tests) ---------------------------------------------------


async def admit(
    *,
    card_no: str,
    department: str,
    ward: str,
    bed: str,
    admitted_at: dt.datetime | None = None,
    insurance_type: InsuranceType = "self_pay",
    charge_profile: str = "general",
    admission_no: str | None = None,
) -> HisAdmission:
    """入院登记: admit the holder of a HIS card. One open stay per person."""
    if charge_profile not in PROFILES:
        raise ProviderError("unknown_charge_profile", charge_profile, transient=False)
    cards = await db.fetch("SELECT * FROM local_his_card WHERE card_no = {}", card_no)
    if not cards:
        raise ProviderError("card_not_found", f"no card {card_no}", transient=False)
    card = cards[0]
    at = admitted_at or clock.now()
    async with db.transaction():
        # One admission desk at a time per person: the open-stay check and the insert must not race.
        await db.execute("SELECT pg_advisory_xact_lock(hashtext({}))", "his-admit:" + card["id_number_bidx"])
        open_stays = await db.fetch(
            "SELECT admission_no FROM local_his_admission"
            " WHERE id_number_bidx = {} AND status <> 'discharged'",
            card["id_number_bidx"],
        )
        if open_stays:
            raise ProviderError(
                "already_admitted", f"open stay {open_stays[0]['admission_no']}", transient=False
            )
        if admission_no is None:
            seq = await db.fetch("SELECT nextval('local_his_admission_seq') AS n")
            admission_no = f"ZY{clock.local(at).year}{seq[0]['n']:06d}"
        rows = await db.fetch(
            "INSERT INTO local_his_admission (id, admission_no, institution_code, card_no, name_enc,"
            " id_number_enc, id_number_bidx, department, ward, bed, insurance_type, charge_profile,"
            " admitted_at, status) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'in_stay')"
            " RETURNING *",
            new_id(),
            admission_no,
            card["institution_code"],
            card_no,
            card["name_enc"],
            card["id_number_enc"],
            card["id_number_bidx"],
            department,
            ward,
            bed,
            insurance_type,
            charge_profile,
            at,
        )
    return _admission(rows[0])


async def find_open_admission(id_number: str) -> HisAdmission | None:
    rows = await db.fetch(
        "SELECT * FROM local_his_admission WHERE id_number_bidx = {} AND status <> 'discharged'",
        blind_index("id_number", id_number),
    )
    return _admission(rows[0]) if rows else None


async def post_order_charge(
    admission_no: str,
    *,
    code: str,
    name: str,
    category: ChargeCategory,
    unit_fen: int,
    quantity: int = 1,
    insurance_class: InsuranceClass = "self",
    spec: str = "",
    unit: str = "",
    day: dt.date | None = None,
) -> HisCharge:
    """An executed order's charge (a surgery, a transfusion ...), on ``day`` (default today)."""
    if unit_fen < 0 or quantity <= 0:
        raise ProviderError("bad_charge", "price must be >= 0 and quantity > 0", transient=False)
    async with db.transaction():
        row = await _row(admission_no, lock=True)
        if row["status"] in ("orders_verified", "discharged"):
            raise ProviderError("charges_final", f"{admission_no} is {row['status']}", transient=False)
        when = day or clock.local(clock.now()).date()
        if when < clock.local(row["admitted_at"]).date():
            raise ProviderError("bad_charge", "the day is before the admission", transient=False)
        top = await db.fetch(
            "SELECT coalesce(max(line_no), {}) AS n FROM local_his_charge"
            " WHERE admission_no = {} AND charge_day = {} AND line_no > {}",
            ORDER_LINE_BASE,
            admission_no,
            when,
            ORDER_LINE_BASE,
        )
        rows = await db.fetch(
            "INSERT INTO local_his_charge (admission_no, charge_day, line_no, code, name, category, spec,"
            " unit, unit_fen, quantity, amount_fen, insurance_class, source)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'order') RETURNING *",
            admission_no,
            when,
            top[0]["n"] + 1,
            code,
            name,
            category,
            spec,
            unit,
            unit_fen,
            quantity,
            unit_fen * quantity,
            insurance_class,
        )
    return _charge(rows[0])


async def transfer(admission_no: str, *, ward: str, bed: str, department: str | None = None) -> HisAdmission:
    """转床 / 转科: the patient moves to another bed (and ward, department) during the stay."""
    rows = await db.fetch(
        "UPDATE local_his_admission SET ward = {}, bed = {}, department = coalesce({}, department),"
        " updated_at = now() WHERE admission_no = {} AND status <> 'discharged' RETURNING *",
        ward,
        bed,
        department,
        admission_no,
    )
    if not rows:
        await _row(admission_no)
        raise ProviderError("admission_closed", f"{admission_no} is discharged", transient=False)
    return _admission(rows[0])


async def order_discharge(admission_no: str, *, at: dt.datetime | None = None) -> HisAdmission:
    """The doctor issues the discharge order (出院单): charging stops after that day."""
    rows = await db.fetch(
        "UPDATE local_his_admission SET status = 'discharge_ordered', discharge_ordered_at = {},"
        " updated_at = now() WHERE admission_no = {} AND status = 'in_stay' RETURNING *",
        at or clock.now(),
        admission_no,
    )
    if not rows:
        row = await _row(admission_no)
        raise ProviderError("wrong_state", f"{admission_no} is {row['status']}", transient=False)
    return _admission(rows[0])


async def verify_discharge_orders(admission_no: str, *, at: dt.datetime | None = None) -> HisAdmission:
    """The ward nurse verifies the orders (护士核对): the charges are final from now on."""
    await post_charging_runs(admission_no)
    rows = await db.fetch(
        "UPDATE local_his_admission SET status = 'orders_verified', orders_verified_at = {},"
        " updated_at = now() WHERE admission_no = {} AND status = 'discharge_ordered' RETURNING *",
        at or clock.now(),
        admission_no,
    )
    if not rows:
        row = await _row(admission_no)
        raise ProviderError("wrong_state", f"{admission_no} is {row['status']}", transient=False)
    return _admission(rows[0])


# --- the HIS interface --------------------------------------------------------------------------


def _posting(row: dict[str, Any]) -> HisDepositPosting:
    return HisDepositPosting(
        admission_no=row["admission_no"],
        receipt_no=row["receipt_no"],
        ref=row["ref"],
        amount_fen=row["amount_fen"],
        posted_at=row["posted_at"],
    )


class LocalInpatientHis:
    async def open_admissions(self) -> list[HisAdmission]:
        rows = await db.fetch(
            "SELECT * FROM local_his_admission WHERE status <> 'discharged' ORDER BY admitted_at"
        )
        return [_admission(r) for r in rows]

    async def get_admission(self, admission_no: str) -> HisAdmission | None:
        rows = await db.fetch("SELECT * FROM local_his_admission WHERE admission_no = {}", admission_no)
        return _admission(rows[0]) if rows else None

    async def inpatient_charges(
        self, admission_no: str, *, first_day: dt.date | None = None, last_day: dt.date | None = None
    ) -> list[HisCharge]:
        await post_charging_runs(admission_no)
        rows = await db.fetch(
            "SELECT * FROM local_his_charge WHERE admission_no = {}"
            " AND ({}::date IS NULL OR charge_day >= {}) AND ({}::date IS NULL OR charge_day <= {})"
            " ORDER BY charge_day, line_no",
            admission_no,
            first_day,
            first_day,
            last_day,
            last_day,
        )
        return [_charge(r) for r in rows]

    async def post_deposit(self, admission_no: str, *, ref: str, amount_fen: int) -> HisDepositPosting:
        if amount_fen == 0:
            raise ProviderError("bad_amount", "a deposit movement cannot be zero", transient=False)
        async with db.transaction():
            row = await _row(admission_no, lock=True)
            same = await db.fetch("SELECT * FROM local_his_deposit WHERE ref = {}", ref)
            if same:
                if same[0]["admission_no"] != admission_no or same[0]["amount_fen"] != amount_fen:
                    raise ProviderError("ref_reused", f"{ref} was another movement", transient=False)
                return _posting(same[0])
            if row["status"] == "discharged":
                raise ProviderError("admission_closed", f"{admission_no} is discharged", transient=False)
            if amount_fen < 0:
                held = await db.fetch(
                    "SELECT coalesce(sum(amount_fen), 0) AS n FROM local_his_deposit WHERE admission_no = {}",
                    admission_no,
                )
                if held[0]["n"] + amount_fen < 0:
                    raise ProviderError(
                        "refund_exceeds_deposits",
                        f"{admission_no} holds {held[0]['n']} fen",
                        transient=False,
                    )
            seq = await db.fetch("SELECT nextval('local_his_deposit_seq') AS n")
            rows = await db.fetch(
                "INSERT INTO local_his_deposit (admission_no, receipt_no, ref, amount_fen)"
                " VALUES ({}, {}, {}, {}) RETURNING *",
                admission_no,
                f"YJ{seq[0]['n']:08d}",
                ref,
                amount_fen,
            )
        return _posting(rows[0])

    async def settle_discharge(
        self, admission_no: str, *, ref: str, charges_fen: int, insurance_fen: int, self_pay_fen: int
    ) -> None:
        async with db.transaction():
            row = await _row(admission_no, lock=True)
            if row["status"] == "discharged":
                if row["settlement_ref"] == ref:
                    return
                raise ProviderError("admission_closed", f"{admission_no} is discharged", transient=False)
            if row["status"] != "orders_verified":
                raise ProviderError(
                    "orders_not_verified", f"{admission_no} is {row['status']}", transient=False
                )
            if insurance_fen < 0 or self_pay_fen < 0 or insurance_fen + self_pay_fen != charges_fen:
                raise ProviderError("bad_shares", "the shares must add up to the charges", transient=False)
            total = await db.fetch(
                "SELECT coalesce(sum(amount_fen), 0) AS n FROM local_his_charge WHERE admission_no = {}",
                admission_no,
            )
            if total[0]["n"] != charges_fen:
                raise ProviderError(
                    "charges_mismatch",
                    f"the HIS holds {total[0]['n']} fen of charges, not {charges_fen}",
                    transient=False,
                )
            await db.execute(
                "UPDATE local_his_admission SET status = 'discharged', discharged_at = {},"
                " settlement_ref = {}, updated_at = now() WHERE admission_no = {}",
                clock.now(),
                ref,
                admission_no,
            )
