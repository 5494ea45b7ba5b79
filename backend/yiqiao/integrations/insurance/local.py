"""The embedded 医保 centre: our own tables (migration 0015, ``local_insurance_*``) act as the
insurance platform. It behaves like the real one where it matters to us: it knows who is insured
(and refuses a frozen card), which institutions it designated and at what level, its own
catalogue (which overrides the class we upload), the person's year so far (deductible, annual cap,
personal account); it splits bills by its area's rules (``rules.compute_shares``), settles only
what still matches the pre-settlement, takes refunds line by line, sends SM2-signed 结算通知
to our notify endpoint until we acknowledge them, and times out when its fault plan says so
(before doing the work, or after it with the answer lost).

Calls must not run inside the caller's database transaction: a timeout after the work commits
the work (as a real centre would) and only then raises."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any, Literal

import httpx
import msgspec

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.insurance.base import (
    FeeUpload,
    FeeUploadResult,
    InsuranceRefundRequest,
    InsuranceRefundResult,
    InsuredPerson,
    InvalidNotice,
    NoticeAck,
    PreSettlement,
    Settlement,
    SettlementNotice,
    SettleRequest,
)
from yiqiao.integrations.insurance.rules import (
    InsuredType,
    Level,
    Line,
    LineRefund,
    LineShare,
    Rules,
    Shares,
    Standing,
    VisitType,
    compute_shares,
)
from yiqiao.kit import clock, sm2
from yiqiao.kit.mask import mask_name
from yiqiao.kit.pii import blind_index, decrypt_pii, encrypt_pii

DEFAULT_AREA = "339900"
PROVIDER_NAME = "local"
Operation = Literal["find", "upload", "pre_settle", "settle", "query", "revoke", "refund"]
Fault = Literal["timeout_before", "timeout_after"]
NOTICE_MAX_ATTEMPTS = 10

# Header names of a 结算通知 (the signature covers "timestamp\nnonce\nbody\n").
H_TIMESTAMP = "Hsa-Timestamp"
H_NONCE = "Hsa-Nonce"
H_SIGNATURE = "Hsa-Signature"
H_NOTIFY_ID = "Hsa-Notify-Id"


def _refuse(code: str, message: str) -> ProviderError:
    return ProviderError(code, message, transient=False)


def _timeout(operation: str) -> ProviderError:
    return ProviderError(
        "fund_timeout", f"the 医保 centre did not answer {operation} in time", transient=True
    )


def mask_card(card_no: str) -> str:
    return card_no[:2] + "*" * max(len(card_no) - 5, 2) + card_no[-3:] if len(card_no) > 5 else "****"


def local_year(at: dt.datetime | None = None) -> int:
    return clock.local(at or clock.now()).year


async def _seq() -> int:
    rows = await db.fetch("SELECT nextval('local_insurance_seq') AS n")
    return int(rows[0]["n"])


def _json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _load(raw: Any, type_: Any) -> Any:
    return msgspec.json.decode(raw if isinstance(raw, str | bytes) else msgspec.json.encode(raw), type=type_)


# --- the centre's administration (seed data, tests, demos) -------------------------------------


async def set_area(area_code: str, name: str, rules: Rules | None = None) -> None:
    """Create or change a 统筹区 and its policy (omitted rules fields take the defaults)."""
    await db.execute(
        "INSERT INTO local_insurance_area (area_code, name, rules) VALUES ({}, {}, {}::jsonb)"
        " ON CONFLICT (area_code) DO UPDATE SET name = EXCLUDED.name, rules = EXCLUDED.rules,"
        " updated_at = now()",
        area_code,
        name,
        _json(rules or Rules()),
    )


async def area_rules(area_code: str) -> Rules:
    rows = await db.fetch("SELECT rules FROM local_insurance_area WHERE area_code = {}", area_code)
    if not rows:
        raise _refuse("area_unknown", f"no 统筹区 {area_code}")
    rules: Rules = _load(rows[0]["rules"], Rules)
    return rules


async def register_institution(code: str, name: str, level: Level, *, designated: bool = True) -> None:
    """The centre designates an institution (定点) at a level."""
    await db.execute(
        "INSERT INTO local_insurance_institution (code, name, level, designated) VALUES ({}, {}, {}, {})"
        " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,"
        " designated = EXCLUDED.designated",
        code,
        name,
        level,
        designated,
    )


async def add_catalogue_item(code: str, name: str, insurance_class: Literal["A", "B", "C"]) -> None:
    await db.execute(
        "INSERT INTO local_insurance_catalogue (code, name, class) VALUES ({}, {}, {})"
        " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, class = EXCLUDED.class",
        code,
        name,
        insurance_class,
    )


async def enrol(
    *,
    id_number: str,
    name: str,
    insured_type: InsuredType,
    area_code: str = DEFAULT_AREA,
    account_balance_fen: int = 0,
    card_no: str | None = None,
) -> str:
    """Insure a person (参保); returns their 人员编号. Enrolling the same ID number again returns
    the existing person unchanged."""
    bidx = blind_index("id_number", id_number)
    existing = await db.fetch("SELECT psn_no FROM local_insurance_person WHERE id_number_bidx = {}", bidx)
    if existing:
        psn: str = existing[0]["psn_no"]
        return psn
    n = await _seq()
    psn_no = f"{area_code}{n:010d}"
    await db.execute(
        "INSERT INTO local_insurance_person (psn_no, card_no, id_number_enc, id_number_bidx, name_enc,"
        " insured_type, area_code, status, account_balance_fen) VALUES ({}, {}, {}, {}, {}, {}, {},"
        " 'active', {}) ON CONFLICT (id_number_bidx) DO NOTHING",
        psn_no,
        card_no or f"H{area_code[:2]}{n:09d}",
        encrypt_pii(id_number),
        bidx,
        encrypt_pii(name.strip()),
        insured_type,
        area_code,
        account_balance_fen,
    )
    rows = await db.fetch("SELECT psn_no FROM local_insurance_person WHERE id_number_bidx = {}", bidx)
    created: str = rows[0]["psn_no"]
    return created


async def set_person_status(psn_no: str, status: Literal["active", "frozen", "terminated"]) -> None:
    await db.execute("UPDATE local_insurance_person SET status = {} WHERE psn_no = {}", status, psn_no)


async def set_account_balance(psn_no: str, balance_fen: int) -> None:
    await db.execute(
        "UPDATE local_insurance_person SET account_balance_fen = {} WHERE psn_no = {}", balance_fen, psn_no
    )


async def set_standing(
    psn_no: str,
    visit_type: VisitType,
    *,
    deductible_used_fen: int,
    fund_paid_fen: int,
    year: int | None = None,
) -> None:
    """Put a person's year so far where a test or demo needs it."""
    await db.execute(
        "INSERT INTO local_insurance_year (psn_no, year, visit_type, deductible_used_fen, fund_paid_fen)"
        " VALUES ({}, {}, {}, {}, {}) ON CONFLICT (psn_no, year, visit_type) DO UPDATE SET"
        " deductible_used_fen = EXCLUDED.deductible_used_fen, fund_paid_fen = EXCLUDED.fund_paid_fen",
        psn_no,
        year or local_year(),
        visit_type,
        deductible_used_fen,
        fund_paid_fen,
    )


async def standing(psn_no: str, visit_type: VisitType, year: int | None = None) -> Standing:
    rows = await db.fetch(
        "SELECT p.account_balance_fen, y.deductible_used_fen, y.fund_paid_fen FROM local_insurance_person p"
        " LEFT JOIN local_insurance_year y ON y.psn_no = p.psn_no AND y.year = {} AND y.visit_type = {}"
        " WHERE p.psn_no = {}",
        year or local_year(),
        visit_type,
        psn_no,
    )
    if not rows:
        raise _refuse("insured_not_found", "no such insured person")
    r = rows[0]
    return Standing(
        deductible_used_fen=r["deductible_used_fen"] or 0,
        fund_paid_fen=r["fund_paid_fen"] or 0,
        account_balance_fen=r["account_balance_fen"],
    )


async def plan_fault(psn_no: str, operation: Operation, fault: Fault, times: int = 1) -> None:
    """Make the next ``times`` calls of ``operation`` for this person time out."""
    await db.execute(
        "INSERT INTO local_insurance_fault (psn_no, operation, fault, remaining) VALUES ({}, {}, {}, {})",
        psn_no,
        operation,
        fault,
        times,
    )


async def _take_fault(psn_no: str, operation: Operation) -> Fault | None:
    rows = await db.fetch(
        "UPDATE local_insurance_fault SET remaining = remaining - 1 WHERE id = ("
        " SELECT id FROM local_insurance_fault WHERE psn_no = {} AND operation = {} AND remaining > 0"
        " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING fault",
        psn_no,
        operation,
    )
    fault: Fault | None = rows[0]["fault"] if rows else None
    if fault == "timeout_before":
        raise _timeout(operation)
    return fault


async def centre_keypair() -> sm2.Sm2KeyPair:
    """The centre's SM2 key (made on first use); its public half is what we verify notices with."""
    global _KEYS  # a per-process cache of a row that never changes
    if _KEYS is None:
        rows = await db.fetch("SELECT private_key, public_key FROM local_insurance_key WHERE id = 'centre'")
        if not rows:
            pair = await sm2.generate_keypair_async()
            await db.execute(
                "INSERT INTO local_insurance_key (id, private_key, public_key) VALUES ('centre', {}, {})"
                " ON CONFLICT (id) DO NOTHING",
                pair.private_key,
                pair.public_key,
            )
            rows = await db.fetch(
                "SELECT private_key, public_key FROM local_insurance_key WHERE id = 'centre'"
            )
        _KEYS = sm2.Sm2KeyPair(private_key=rows[0]["private_key"], public_key=rows[0]["public_key"])
    return _KEYS


_KEYS: sm2.Sm2KeyPair | None = None


# --- settlements ---------------------------------------------------------------------------


def _settlement(row: dict[str, Any]) -> Settlement:
    return Settlement(
        pay_order_id=row["pay_order_id"],
        med_org_order_no=row["med_org_order_no"],
        state=row["state"],
        total_fen=row["total_fen"],
        fund_fen=row["fund_fen"],
        account_fen=row["account_fen"],
        cash_fen=row["cash_fen"],
        setl_id=row["setl_id"] or "",
        settled_at=row["settled_at"],
        refunded_fen=row["refunded_fen"],
        refunded_fund_fen=row["refunded_fund_fen"],
        refunded_account_fen=row["refunded_account_fen"],
    )


def _pre_settlement(row: dict[str, Any], shares: Shares, level: Level) -> PreSettlement:
    return PreSettlement(
        pay_order_id=row["pay_order_id"],
        total_fen=shares.total_fen,
        fund_fen=shares.fund_fen,
        account_fen=shares.account_fen,
        cash_fen=shares.cash_fen,
        eligible_fen=shares.eligible_fen,
        first_self_pay_fen=shares.first_self_pay_fen,
        uncovered_fen=shares.uncovered_fen,
        deductible_fen=shares.deductible_fen,
        ratio_bp=shares.ratio_bp,
        capped=shares.capped,
        level=level,
        lines=shares.lines,
    )


async def _settlement_row(pay_order_id: str, *, lock: bool = False) -> dict[str, Any]:
    rows = await db.fetch(
        "SELECT s.*, i.level FROM local_insurance_settlement s"  # noqa: S608 (fixed fragments only)
        " JOIN local_insurance_institution i ON i.code = s.institution_code WHERE s.pay_order_id = {}"
        + (" FOR UPDATE OF s" if lock else ""),
        pay_order_id,
    )
    if not rows:
        raise _refuse("order_not_found", f"no 医保 payment order {pay_order_id}")
    return rows[0]


async def _person_row(psn_no: str, *, lock: bool = False) -> dict[str, Any]:
    rows = await db.fetch(
        "SELECT * FROM local_insurance_person WHERE psn_no = {}"  # noqa: S608 (fixed fragments only)
        + (" FOR UPDATE" if lock else ""),
        psn_no,
    )
    if not rows:
        raise _refuse("insured_not_found", "no such insured person")
    person = rows[0]
    if person["status"] == "frozen":
        raise _refuse("card_frozen", "the insured person's card is frozen (医保卡冻结)")
    if person["status"] != "active":
        raise _refuse("insured_not_active", "the person's insurance is not in force")
    return person


async def _shares_for(row: dict[str, Any], person: dict[str, Any], *, lock_year: bool) -> Shares:
    rules = await area_rules(person["area_code"])
    year = local_year()
    if lock_year:
        await db.execute(
            "INSERT INTO local_insurance_year (psn_no, year, visit_type) VALUES ({}, {}, {})"
            " ON CONFLICT DO NOTHING",
            person["psn_no"],
            year,
            row["visit_type"],
        )
        await db.execute(
            "SELECT 1 FROM local_insurance_year WHERE psn_no = {} AND year = {} AND visit_type = {}"
            " FOR UPDATE",
            person["psn_no"],
            year,
            row["visit_type"],
        )
    stand = await standing(person["psn_no"], row["visit_type"], year)
    lines: list[Line] = _load(row["lines"], list[Line])
    try:
        return compute_shares(
            rules,
            lines=lines,
            insured_type=person["insured_type"],
            level=row["level"],
            visit_type=row["visit_type"],
            standing=stand,
            use_account=row["use_account"],
        )
    except ValueError as exc:
        raise _refuse("invalid_request", str(exc)) from None


async def _queue_notice(
    row: dict[str, Any], kind: Literal["settled", "refunded"], out_refund_no: str = ""
) -> None:
    fresh = await _settlement_row(row["pay_order_id"])
    notify_id = f"N{await _seq():012d}"
    body = {
        "notify_id": notify_id,
        "kind": kind,
        "out_refund_no": out_refund_no,
        "settlement": msgspec.to_builtins(_settlement(fresh)),
    }
    await db.execute(
        "INSERT INTO local_insurance_notice (notify_id, pay_order_id, kind, body, notify_url, status)"
        " VALUES ({}, {}, {}, {}, {}, 'queued')",
        notify_id,
        row["pay_order_id"],
        kind,
        _json(body),
        row["notify_url"],
    )


def _check_line_refund(line: LineShare, part: LineRefund, before: list[int]) -> None:
    """What a centre checks of a refund line: within the line and its shares, and a line refunded
    in full gives its fund and account shares back in full."""
    amount, fund, account = (
        before[0] + part.amount_fen,
        before[1] + part.fund_fen,
        before[2] + part.account_fen,
    )
    if part.amount_fen <= 0 or min(part.fund_fen, part.account_fen, part.cash_fen) < 0:
        raise _refuse("invalid_request", f"line {line.line_no}: amounts must be positive")
    if part.fund_fen + part.account_fen + part.cash_fen != part.amount_fen:
        raise _refuse("invalid_request", f"line {line.line_no}: the parts do not add up")
    if amount > line.amount_fen or fund > line.fund_fen or account > line.account_fen:
        raise _refuse("refund_exceeds_settlement", f"line {line.line_no}: more than was settled")
    if amount == line.amount_fen and (fund, account) != (line.fund_fen, line.account_fen):
        raise _refuse("refund_mismatch", f"line {line.line_no}: a whole refund must give back the shares")


class LocalInsuranceProvider:
    name = PROVIDER_NAME

    async def find_insured(self, *, id_number: str, name: str) -> InsuredPerson:
        rows = await db.fetch(
            "SELECT * FROM local_insurance_person WHERE id_number_bidx = {}",
            blind_index("id_number", id_number),
        )
        # Who is not insured and whose name does not match look the same (no probing by ID number).
        if not rows or decrypt_pii(rows[0]["name_enc"]) != name.strip():
            raise _refuse("insured_not_found", "nobody with this ID number and name is insured")
        p = rows[0]
        await _take_fault(p["psn_no"], "find")
        return InsuredPerson(
            psn_no=p["psn_no"],
            card_no_masked=mask_card(p["card_no"]),
            name_masked=mask_name(name),
            insured_type=p["insured_type"],
            area_code=p["area_code"],
            status=p["status"],
            account_balance_fen=p["account_balance_fen"],
        )

    async def upload_fees(self, req: FeeUpload) -> FeeUploadResult:
        await _take_fault(req.psn_no, "upload")
        if not req.lines or any(
            line.amount_fen != line.unit_fen * line.quantity or line.amount_fen < 0 or line.quantity <= 0
            for line in req.lines
        ):
            raise _refuse("invalid_request", "every line's amount must be unit × quantity, not negative")
        if sum(line.amount_fen for line in req.lines) != req.total_fen or req.total_fen <= 0:
            raise _refuse("invalid_request", "the total must be the sum of the lines")
        if len({line.line_no for line in req.lines}) != len(req.lines):
            raise _refuse("invalid_request", "line numbers must be unique")
        async with db.transaction():
            await _person_row(req.psn_no)
            inst = await db.fetch(
                "SELECT designated FROM local_insurance_institution WHERE code = {}", req.institution_code
            )
            if not inst or not inst[0]["designated"]:
                raise _refuse(
                    "institution_not_designated", "this institution is not a 医保 designated institution"
                )
            codes = [line.code for line in req.lines]
            catalogue = {
                r["code"]: r["class"]
                for r in await db.fetch(
                    "SELECT code, class FROM local_insurance_catalogue WHERE code = ANY({})", codes
                )
            }
            remapped: dict[str, str] = {}
            lines: list[Line] = []
            for line in req.lines:
                cls = catalogue.get(line.code, line.insurance_class)
                if cls != line.insurance_class:
                    remapped[str(line.line_no)] = cls
                lines.append(Line(line_no=line.line_no, amount_fen=line.amount_fen, insurance_class=cls))
            existing = await db.fetch(
                "SELECT pay_order_id, psn_no, total_fen, state FROM local_insurance_settlement"
                " WHERE med_org_order_no = {}",
                req.med_org_order_no,
            )
            if existing:
                e = existing[0]
                if e["psn_no"] == req.psn_no and e["total_fen"] == req.total_fen and e["state"] == "uploaded":
                    return FeeUploadResult(pay_order_id=e["pay_order_id"], remapped=remapped)
                raise _refuse("duplicate_upload", f"{req.med_org_order_no} was uploaded already")
            day = clock.local(clock.now()).strftime("%Y%m%d")
            pay_order_id = f"ORD{day}{await _seq():012d}"
            await db.execute(
                "INSERT INTO local_insurance_settlement (pay_order_id, med_org_order_no, institution_code,"
                " psn_no, visit_type, use_account, state, lines, total_fen, notify_url)"
                " VALUES ({}, {}, {}, {}, {}, {}, 'uploaded', {}::jsonb, {}, {})",
                pay_order_id,
                req.med_org_order_no,
                req.institution_code,
                req.psn_no,
                req.visit_type,
                req.use_account,
                _json(lines),
                req.total_fen,
                req.notify_url,
            )
        return FeeUploadResult(pay_order_id=pay_order_id, remapped=remapped)

    async def pre_settle(self, pay_order_id: str) -> PreSettlement:
        row = await _settlement_row(pay_order_id)
        fault = await _take_fault(row["psn_no"], "pre_settle")
        async with db.transaction():
            row = await _settlement_row(pay_order_id, lock=True)
            if row["state"] in ("settled", "reversed"):
                raise _refuse("already_settled", "this payment order is settled")
            if row["state"] == "revoked":
                raise _refuse("revoked", "this upload was revoked")
            person = await _person_row(row["psn_no"])
            shares = await _shares_for(row, person, lock_year=False)
            await db.execute(
                "UPDATE local_insurance_settlement SET state = 'pre_settled', shares = {}::jsonb,"
                " fund_fen = {}, account_fen = {}, cash_fen = {}, deductible_fen = {}, year = {},"
                " updated_at = now()"
                " WHERE pay_order_id = {}",
                _json(shares),
                shares.fund_fen,
                shares.account_fen,
                shares.cash_fen,
                shares.deductible_fen,
                local_year(),
                pay_order_id,
            )
        if fault == "timeout_after":
            raise _timeout("pre_settle")
        return _pre_settlement(row, shares, row["level"])

    async def settle(self, req: SettleRequest) -> Settlement:
        row = await _settlement_row(req.pay_order_id)
        fault = await _take_fault(row["psn_no"], "settle")
        async with db.transaction():
            row = await _settlement_row(req.pay_order_id, lock=True)
            if row["state"] in ("settled", "reversed"):
                if row["cash_payment_ref"] == req.cash_payment_ref:
                    return _settlement(row)
                raise _refuse("already_settled", "this payment order was settled with another payment")
            if row["state"] == "revoked":
                raise _refuse("revoked", "this upload was revoked")
            if row["state"] != "pre_settled":
                raise _refuse("not_pre_settled", "pre-settle before settling")
            if req.cash_fen != row["cash_fen"]:
                raise _refuse("cash_mismatch", "the cash paid is not the pre-settled self-pay share")
            person = await _person_row(row["psn_no"], lock=True)
            shares = await _shares_for(row, person, lock_year=True)
            if shares != _load(row["shares"], Shares):
                raise _refuse("presettle_stale", "the shares changed since pre-settlement; pre-settle again")
            year = local_year()
            await db.execute(
                "UPDATE local_insurance_year SET deductible_used_fen = deductible_used_fen + {},"
                " fund_paid_fen = fund_paid_fen + {} WHERE psn_no = {} AND year = {} AND visit_type = {}",
                shares.deductible_fen,
                shares.fund_fen,
                row["psn_no"],
                year,
                row["visit_type"],
            )
            await db.execute(
                "UPDATE local_insurance_person SET account_balance_fen = account_balance_fen - {}"
                " WHERE psn_no = {}",
                shares.account_fen,
                row["psn_no"],
            )
            setl_id = f"SETL{await _seq():014d}"
            await db.execute(
                "UPDATE local_insurance_settlement SET state = 'settled', setl_id = {},"
                " cash_payment_ref = {}, settled_at = {}, year = {}, updated_at = now()"
                " WHERE pay_order_id = {}",
                setl_id,
                req.cash_payment_ref,
                clock.now(),
                year,
                req.pay_order_id,
            )
            await _queue_notice(row, "settled")
            done = _settlement(await _settlement_row(req.pay_order_id))
        if fault == "timeout_after":
            raise _timeout("settle")
        return done

    async def query(self, pay_order_id: str) -> Settlement:
        row = await _settlement_row(pay_order_id)
        await _take_fault(row["psn_no"], "query")
        return _settlement(row)

    async def revoke(self, pay_order_id: str) -> Settlement:
        row = await _settlement_row(pay_order_id)
        fault = await _take_fault(row["psn_no"], "revoke")
        async with db.transaction():
            row = await _settlement_row(pay_order_id, lock=True)
            if row["state"] in ("settled", "reversed"):
                raise _refuse("already_settled", "a settled payment order is refunded, not revoked")
            await db.execute(
                "UPDATE local_insurance_settlement SET state = 'revoked', updated_at = now()"
                " WHERE pay_order_id = {}",
                pay_order_id,
            )
            done = _settlement(await _settlement_row(pay_order_id))
        if fault == "timeout_after":
            raise _timeout("revoke")
        return done

    async def refund(self, req: InsuranceRefundRequest) -> InsuranceRefundResult:
        row = await _settlement_row(req.pay_order_id)
        fault = await _take_fault(row["psn_no"], "refund")
        async with db.transaction():
            row = await _settlement_row(req.pay_order_id, lock=True)
            done = await db.fetch(
                "SELECT * FROM local_insurance_refund WHERE out_refund_no = {}", req.out_refund_no
            )
            if done:
                if done[0]["pay_order_id"] != req.pay_order_id:
                    raise _refuse(
                        "duplicate_refund_no", "this refund number belongs to another payment order"
                    )
                return InsuranceRefundResult(
                    out_refund_no=req.out_refund_no,
                    refund_id=done[0]["refund_id"],
                    state="succeeded",
                    fund_fen=done[0]["fund_fen"],
                    account_fen=done[0]["account_fen"],
                    lines=_load(done[0]["lines"], list[LineRefund]),
                    settlement_state=row["state"],
                )
            if row["state"] != "settled":
                raise _refuse("not_settled", "only a settled payment order can be refunded")
            if not req.lines or len({ln.line_no for ln in req.lines}) != len(req.lines):
                raise _refuse("invalid_request", "name each line once")
            shares: Shares = _load(row["shares"], Shares)
            by_line = {s.line_no: s for s in shares.lines}
            earlier: dict[int, list[int]] = {}
            for r in await db.fetch(
                "SELECT lines FROM local_insurance_refund WHERE pay_order_id = {}", req.pay_order_id
            ):
                for lr in _load(r["lines"], list[LineRefund]):
                    acc = earlier.setdefault(lr.line_no, [0, 0, 0])
                    acc[0] += lr.amount_fen
                    acc[1] += lr.fund_fen
                    acc[2] += lr.account_fen
            parts = list(req.lines)
            for part in parts:
                line: LineShare | None = by_line.get(part.line_no)
                if line is None:
                    raise _refuse("invalid_request", f"line {part.line_no} is not on this payment order")
                _check_line_refund(line, part, earlier.get(part.line_no, [0, 0, 0]))
            fund = sum(p.fund_fen for p in parts)
            account = sum(p.account_fen for p in parts)
            amount = sum(p.amount_fen for p in parts)
            reversed_now = row["refunded_fen"] + amount == row["total_fen"]
            refund_id = f"RF{await _seq():014d}"
            await db.execute(
                "INSERT INTO local_insurance_refund (out_refund_no, refund_id, pay_order_id, fund_fen,"
                " account_fen, lines, reason) VALUES ({}, {}, {}, {}, {}, {}::jsonb, {})",
                req.out_refund_no,
                refund_id,
                req.pay_order_id,
                fund,
                account,
                _json(parts),
                req.reason,
            )
            await db.execute(
                "UPDATE local_insurance_settlement SET refunded_fen = refunded_fen + {},"
                " refunded_fund_fen = refunded_fund_fen + {},"
                " refunded_account_fen = refunded_account_fen + {},"
                " state = CASE WHEN {} THEN 'reversed' ELSE state END, updated_at = now()"
                " WHERE pay_order_id = {}",
                amount,
                fund,
                account,
                reversed_now,
                req.pay_order_id,
            )
            # The fund's money comes back under this year's cap; a whole reversal also gives back
            # the deductible the bill used. The account gets its money back.
            await db.execute(
                "UPDATE local_insurance_year SET fund_paid_fen = GREATEST(0, fund_paid_fen - {}),"
                " deductible_used_fen = GREATEST(0, deductible_used_fen - {})"
                " WHERE psn_no = {} AND year = {} AND visit_type = {}",
                fund,
                row["deductible_fen"] if reversed_now else 0,
                row["psn_no"],
                row["year"],
                row["visit_type"],
            )
            await db.execute(
                "UPDATE local_insurance_person SET account_balance_fen = account_balance_fen + {}"
                " WHERE psn_no = {}",
                account,
                row["psn_no"],
            )
            await _queue_notice(row, "refunded", req.out_refund_no)
        if fault == "timeout_after":
            raise _timeout("refund")
        return InsuranceRefundResult(
            out_refund_no=req.out_refund_no,
            refund_id=refund_id,
            state="succeeded",
            fund_fen=fund,
            account_fen=account,
            lines=parts,
            settlement_state="reversed" if reversed_now else "settled",
        )

    async def verify_notice(self, headers: Mapping[str, str], body: bytes) -> SettlementNotice:
        lower = {k.lower(): v for k, v in headers.items()}
        stamp = lower.get(H_TIMESTAMP.lower(), "")
        nonce = lower.get(H_NONCE.lower(), "")
        signature = lower.get(H_SIGNATURE.lower(), "")
        if not (stamp.isdigit() and nonce and signature):
            raise InvalidNotice("missing_signature", "the notice carries no complete signature headers")
        keys = await centre_keypair()
        message = f"{stamp}\n{nonce}\n".encode() + body + b"\n"
        if not await sm2.verify_async(keys.public_key, message, signature):
            raise InvalidNotice("bad_signature", "the SM2 signature does not verify")
        try:
            raw = msgspec.json.decode(body)
            settlement = msgspec.convert(raw["settlement"], Settlement)
            return SettlementNotice(
                notify_id=str(raw["notify_id"]),
                sent_at=dt.datetime.fromtimestamp(int(stamp), dt.UTC),
                kind=raw["kind"],
                settlement=settlement,
                out_refund_no=str(raw.get("out_refund_no", "")),
            )
        except (msgspec.DecodeError, msgspec.ValidationError, KeyError, TypeError) as exc:
            raise InvalidNotice("bad_body", str(exc)) from None

    def ack(self, accepted: bool) -> NoticeAck:
        body = {"code": 0, "message": "成功"} if accepted else {"code": -1, "message": "失败"}
        return NoticeAck(
            status_code=200 if accepted else 400,
            body=msgspec.json.encode(body),
            content_type="application/json",
        )


# --- the centre's notice delivery -------------------------------------------------------------


async def sign_notice(body: bytes, *, at: dt.datetime | None = None) -> dict[str, str]:
    """The headers the centre sends with ``body`` (also what tests forge notices with)."""
    keys = await centre_keypair()
    stamp = str(int((at or clock.now()).timestamp()))
    nonce = secrets.token_hex(16)
    message = f"{stamp}\n{nonce}\n".encode() + body + b"\n"
    signature = await sm2.sign_async(keys.private_key, message, public_key=keys.public_key)
    return {
        H_TIMESTAMP: stamp,
        H_NONCE: nonce,
        H_SIGNATURE: signature,
        "Content-Type": "application/json",
    }


def _backoff_s(attempts: int) -> int:
    return int(min(3600, 5 * 2 ** max(0, attempts - 1)))


async def deliver_notices(client: httpx.AsyncClient | None = None, *, limit: int = 50) -> int:
    """Send due 结算通知 (signed, one POST each); returns how many our side acknowledged. An
    unacknowledged notice is sent again with backoff, up to ``NOTICE_MAX_ATTEMPTS``."""
    due = await db.fetch(
        "UPDATE local_insurance_notice SET attempts = attempts + 1,"
        " next_attempt_at = now() + interval '60 s' WHERE id IN (SELECT id FROM local_insurance_notice"
        " WHERE status = 'queued' AND next_attempt_at <= now() ORDER BY id LIMIT {}"
        " FOR UPDATE SKIP LOCKED) RETURNING *",
        limit,
    )
    if not due:
        return 0
    own = client is None
    http = client or httpx.AsyncClient(timeout=10.0)
    delivered = 0
    try:
        for n in sorted(due, key=lambda r: r["id"]):
            body = n["body"].encode()
            headers = await sign_notice(body)
            headers[H_NOTIFY_ID] = n["notify_id"]
            error = ""
            try:
                resp = await http.post(n["notify_url"], content=body, headers=headers)
                ok = resp.status_code == 200 and resp.json().get("code") == 0
                error = "" if ok else f"HTTP {resp.status_code}: {resp.text[:200]}"
            except (httpx.HTTPError, ValueError) as exc:
                ok, error = False, f"{type(exc).__name__}: {exc}"
            if ok:
                delivered += 1
                await db.execute(
                    "UPDATE local_insurance_notice SET status = 'delivered', delivered_at = now(),"
                    " last_error = '' WHERE id = {}",
                    n["id"],
                )
            else:
                await db.execute(
                    "UPDATE local_insurance_notice SET status = CASE WHEN attempts >= {} THEN 'dead'"
                    " ELSE 'queued' END, next_attempt_at = now() + make_interval(secs => {}), last_error = {}"
                    " WHERE id = {}",
                    NOTICE_MAX_ATTEMPTS,
                    _backoff_s(n["attempts"]),
                    error,
                    n["id"],
                )
    finally:
        if own:
            await http.aclose()
    return delivered
