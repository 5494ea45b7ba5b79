"""The local fiscal e-bill platform (财政电子票据平台): what the province runs, embedded.

- Each issuing unit (an institution, by its code) gets a number block (号段, two digits) and an
  SM2 seal key pair on its first bill.
- Bill code (票据代码, 8 digits) = region (``einvoice_region_code``, 4 digits) + bill kind
  (``05`` outpatient, ``06`` inpatient) + the year's last two digits; bill number (票据号码,
  10 digits) = the unit's block + its running number for that code; check code (校验码) = 6 hex
  digits of HMAC-SM3 under a key derived from the unit's seal over code, number, amount and date.
- Every bill is signed (SM2, the unit's seal) over ``signed_text``; the QR carries the
  verification URL with code, number, check code and the signature.
- The same request number (``biz_no``) is one bill; a blue bill is reversed once, by a red-letter
  bill (红冲) with its own number and negative amounts.
- Like the real platform it is sometimes busy: ``fail_next(n)`` makes the next n requests fail
  with a transient error before anything happens, ``lose_reply_next(n)`` makes the next n fail
  after the bill was issued (the reply lost on the way back), through Redis so every process of a
  test or a demo sees it.

Call it outside the caller's transaction: the platform is another system, its bills do not roll
back with ours."""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.integrations.einvoice.base import (
    BillColour,
    BillDetail,
    BillItem,
    BillVerification,
    IssuedBill,
    IssueRequest,
    MedicalKind,
    ReverseRequest,
)
from yiqiao.integrations.einvoice.render import BillDocument, render_bill
from yiqiao.integrations.errors import ProviderError
from yiqiao.kit import clock, sm2
from yiqiao.kit.ids import new_id
from yiqiao.kit.mask import mask_name
from yiqiao.kit.pii import decrypt_pii, encrypt_pii
from yiqiao.kit.redis import redis
from yiqiao.kit.sm3 import hmac_sm3
from yiqiao.settings import get_settings

FAIL_NEXT_KEY = "yq:local:einvoice:fail_next"
LOSE_REPLY_KEY = "yq:local:einvoice:lose_reply_next"
KIND_CODES: dict[MedicalKind, str] = {"outpatient": "05", "inpatient": "06"}
SIGNED_PREFIX = "YQEB1"


def signed_text(row: dict[str, Any]) -> bytes:
    """What the unit's seal signs: every field a verifier relies on."""
    fields = (
        SIGNED_PREFIX,
        row["bill_code"],
        row["bill_no"],
        row["check_code"],
        row["colour"],
        str(row["total_fen"]),
        row["issued_at"].astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        row["institution_code"],
        row["original_code"],
        row["original_no"],
    )
    return "|".join(fields).encode()


def qr_signature(signature_hex: str) -> str:
    return base64.urlsafe_b64encode(bytes.fromhex(signature_hex)).rstrip(b"=").decode()


def signature_from_qr(text: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw.hex() if len(raw) == 64 else None


def verify_url(bill_code: str, bill_no: str, check_code: str, signature_hex: str) -> str:
    base = get_settings().einvoice_verify_url
    return f"{base}?code={bill_code}&number={bill_no}&check={check_code}&sig={qr_signature(signature_hex)}"


def _check_key(private_key: str) -> bytes:
    return hmac_sm3(bytes.fromhex(private_key), b"yiqiao-einvoice-check-code")


async def _maybe_fail(key: str, code: str, message: str) -> None:
    if await redis().decr(key) >= 0:
        raise ProviderError(code, message, transient=True)
    await redis().delete(key)


async def fail_next(n: int) -> None:
    """The next ``n`` issue/reverse requests fail (platform busy) before anything is issued."""
    await redis().set(FAIL_NEXT_KEY, n)


async def lose_reply_next(n: int) -> None:
    """The next ``n`` issue/reverse requests issue the bill, then fail as if the reply was lost."""
    await redis().set(LOSE_REPLY_KEY, n)


class _Unit(msgspec.Struct, frozen=True):
    code: str
    block: int
    private_key: str
    public_key: str


async def _unit(institution_code: str) -> _Unit:
    rows = await db.fetch(
        "SELECT block, seal_private_enc, seal_public FROM einvoice_local_unit WHERE institution_code = {}",
        institution_code,
    )
    if not rows:  # the unit's first bill: give it a number block and a seal
        pair = await sm2.generate_keypair_async()
        async with db.transaction():
            await db.execute(
                "SELECT pg_advisory_xact_lock(hashtext({}))", f"einvoice-unit:{institution_code}"
            )
            rows = await db.fetch(
                "SELECT block, seal_private_enc, seal_public FROM einvoice_local_unit"
                " WHERE institution_code = {}",
                institution_code,
            )
            if not rows:
                rows = await db.fetch(
                    "INSERT INTO einvoice_local_unit (institution_code, block, seal_private_enc, seal_public)"
                    " VALUES ({}, nextval('einvoice_local_unit_block_seq'), {}, {})"
                    " RETURNING block, seal_private_enc, seal_public",
                    institution_code,
                    encrypt_pii(pair.private_key),
                    pair.public_key,
                )
    r = rows[0]
    return _Unit(institution_code, r["block"], decrypt_pii(r["seal_private_enc"]), r["seal_public"])


async def _next_number(unit: _Unit, bill_code: str) -> str:
    rows = await db.fetch(
        "INSERT INTO einvoice_local_series (institution_code, bill_code, last_seq) VALUES ({}, {}, 1)"
        " ON CONFLICT (institution_code, bill_code)"
        " DO UPDATE SET last_seq = einvoice_local_series.last_seq + 1 RETURNING last_seq",
        unit.code,
        bill_code,
    )
    return f"{unit.block:02d}{rows[0]['last_seq']:08d}"


def _bill_code(kind: MedicalKind, year: int) -> str:
    return f"{get_settings().einvoice_region_code}{KIND_CODES[kind]}{year % 100:02d}"


def _issued(row: dict[str, Any]) -> IssuedBill:
    return IssuedBill(
        biz_no=row["biz_no"],
        colour=row["colour"],
        bill_code=row["bill_code"],
        bill_no=row["bill_no"],
        check_code=row["check_code"],
        issued_at=row["issued_at"],
        total_fen=row["total_fen"],
        signature=row["signature"],
        verify_url=row["verify_url"],
        original_code=row["original_code"],
        original_no=row["original_no"],
    )


def _refuse(code: str, message: str) -> ProviderError:
    return ProviderError(code, message, transient=False)


def _check_request(req: IssueRequest) -> None:
    if req.total_fen <= 0:
        raise _refuse("E-AMOUNT", "a bill's total must be positive")
    if sum(i.amount_fen for i in req.items) != req.total_fen:
        raise _refuse("E-AMOUNT", "the items do not add up to the total")
    if any(i.amount_fen <= 0 for i in req.items):
        raise _refuse("E-AMOUNT", "every item amount must be positive")
    if req.insurance_fen < 0 or req.self_pay_fen < 0 or req.insurance_fen + req.self_pay_fen != req.total_fen:
        raise _refuse("E-AMOUNT", "insurance and self-paid shares must add up to the total")
    if req.details and sum(d.amount_fen for d in req.details) != req.total_fen:
        raise _refuse("E-AMOUNT", "the itemised list does not add up to the total")
    if not req.payer_name.strip():
        raise _refuse("E-PAYER", "the payer's name is required")


class LocalEInvoiceProvider:
    async def issue(self, req: IssueRequest) -> IssuedBill:
        _check_request(req)
        await _maybe_fail(FAIL_NEXT_KEY, "E-BUSY", "the e-bill platform is busy, retry later")
        unit = await _unit(req.institution_code)
        async with db.transaction():
            await db.execute(
                "SELECT pg_advisory_xact_lock(hashtext({}))", f"einvoice:{unit.code}:{req.biz_no}"
            )
            existing = await self._by_biz_no(unit.code, req.biz_no)
            if existing is not None:
                return _issued(existing)
            now = clock.now()
            bill_code = _bill_code(req.medical_kind, clock.local(now).year)
            bill_no = await _next_number(unit, bill_code)
            row = await self._store(
                unit,
                biz_no=req.biz_no,
                colour="blue",
                medical_kind=req.medical_kind,
                institution_name=req.institution_name,
                bill_code=bill_code,
                bill_no=bill_no,
                payer_name=req.payer_name,
                order_no=req.order_no,
                total_fen=req.total_fen,
                insurance_fen=req.insurance_fen,
                self_pay_fen=req.self_pay_fen,
                items=req.items,
                details=req.details,
                remark="；".join(
                    filter(
                        None, (f"部分退费后重开，原票据{req.replaces}" if req.replaces else "", req.remark)
                    )
                ),
                original=("", ""),
                issued_at=now,
            )
        await _maybe_fail(LOSE_REPLY_KEY, "E-TIMEOUT", "no reply from the e-bill platform")
        return _issued(row)

    async def reverse(self, req: ReverseRequest) -> IssuedBill:
        await _maybe_fail(FAIL_NEXT_KEY, "E-BUSY", "the e-bill platform is busy, retry later")
        unit = await _unit(req.institution_code)
        async with db.transaction():
            await db.execute(
                "SELECT pg_advisory_xact_lock(hashtext({}))", f"einvoice:{unit.code}:{req.biz_no}"
            )
            existing = await self._by_biz_no(unit.code, req.biz_no)
            if existing is not None:
                return _issued(existing)
            originals = await db.fetch(
                "SELECT * FROM einvoice_local_bill WHERE bill_code = {} AND bill_no = {}"
                " AND institution_code = {} FOR UPDATE",
                req.bill_code,
                req.bill_no,
                unit.code,
            )
            if not originals:
                raise _refuse("E-NOBILL", "no such bill of this unit")
            o = originals[0]
            if o["colour"] == "red":
                raise _refuse("E-RED", "a red-letter bill cannot be reversed")
            if o["state"] == "reversed":
                raise _refuse("E-REVERSED", "this bill was already reversed")
            now = clock.now()
            bill_code = _bill_code(o["medical_kind"], clock.local(now).year)
            bill_no = await _next_number(unit, bill_code)
            items = [
                BillItem(code=i["code"], name=i["name"], amount_fen=-i["amount_fen"])
                for i in msgspec.json.decode(o["items"])
            ]
            row = await self._store(
                unit,
                biz_no=req.biz_no,
                colour="red",
                medical_kind=o["medical_kind"],
                institution_name=o["institution_name"],
                bill_code=bill_code,
                bill_no=bill_no,
                payer_name=decrypt_pii(o["payer_enc"]),
                order_no=o["order_no"],
                total_fen=-o["total_fen"],
                insurance_fen=-o["insurance_fen"],
                self_pay_fen=-o["self_pay_fen"],
                items=items,
                details=[],
                remark=req.reason,
                original=(o["bill_code"], o["bill_no"]),
                issued_at=now,
            )
            await db.execute(
                "UPDATE einvoice_local_bill SET state = 'reversed', reversed_by_code = {},"
                " reversed_by_no = {} WHERE id = {}",
                bill_code,
                bill_no,
                o["id"],
            )
        await _maybe_fail(LOSE_REPLY_KEY, "E-TIMEOUT", "no reply from the e-bill platform")
        return _issued(row)

    async def find(self, institution_code: str, biz_no: str) -> IssuedBill | None:
        row = await self._by_biz_no(institution_code, biz_no)
        return None if row is None else _issued(row)

    async def pdf(self, bill_code: str, bill_no: str) -> bytes:
        rows = await db.fetch(
            "SELECT * FROM einvoice_local_bill WHERE bill_code = {} AND bill_no = {}", bill_code, bill_no
        )
        if not rows:
            raise _refuse("E-NOBILL", "no such bill")
        row = rows[0]
        if row["pdf"] is not None:
            return bytes(row["pdf"])
        doc = BillDocument(
            colour=row["colour"],
            medical_kind=row["medical_kind"],
            institution_name=row["institution_name"],
            bill_code=row["bill_code"],
            bill_no=row["bill_no"],
            check_code=row["check_code"],
            issued_at=row["issued_at"],
            payer_name=decrypt_pii(row["payer_enc"]),
            order_no=row["order_no"],
            total_fen=row["total_fen"],
            insurance_fen=row["insurance_fen"],
            self_pay_fen=row["self_pay_fen"],
            items=msgspec.json.decode(row["items"], type=list[BillItem]),
            details=msgspec.json.decode(row["details"], type=list[BillDetail]),
            remark=row["remark"],
            signature=row["signature"],
            verify_url=row["verify_url"],
            original_code=row["original_code"],
            original_no=row["original_no"],
        )
        pdf = await asyncio.to_thread(render_bill, doc)
        await db.execute("UPDATE einvoice_local_bill SET pdf = {} WHERE id = {}", pdf, row["id"])
        return pdf

    async def verify(
        self, bill_code: str, bill_no: str, check_code: str, signature: str = ""
    ) -> BillVerification | None:
        rows = await db.fetch(
            "SELECT b.*, u.seal_public FROM einvoice_local_bill b"
            " JOIN einvoice_local_unit u USING (institution_code)"
            " WHERE b.bill_code = {} AND b.bill_no = {} AND b.check_code = {}",
            bill_code,
            bill_no,
            check_code.strip().lower(),
        )
        if not rows:
            return None
        row = rows[0]
        valid: bool | None = None
        if signature:
            sig = signature_from_qr(signature)
            valid = sig is not None and sig == row["signature"].lower()
            if valid:
                valid = await sm2.verify_async(row["seal_public"], signed_text(row), row["signature"])
        red = row["colour"] == "red"
        return BillVerification(
            bill_code=row["bill_code"],
            bill_no=row["bill_no"],
            colour=row["colour"],
            state=row["state"],
            institution_name=row["institution_name"],
            medical_kind=row["medical_kind"],
            payer_masked=row["payer_masked"],
            total_fen=row["total_fen"],
            issued_at=row["issued_at"],
            related_code=row["original_code"] if red else row["reversed_by_code"],
            related_no=row["original_no"] if red else row["reversed_by_no"],
            signature_valid=valid,
        )

    async def _by_biz_no(self, institution_code: str, biz_no: str) -> dict[str, Any] | None:
        rows = await db.fetch(
            "SELECT * FROM einvoice_local_bill WHERE institution_code = {} AND biz_no = {}",
            institution_code,
            biz_no,
        )
        return rows[0] if rows else None

    async def _store(
        self,
        unit: _Unit,
        *,
        biz_no: str,
        colour: BillColour,
        medical_kind: MedicalKind,
        institution_name: str,
        bill_code: str,
        bill_no: str,
        payer_name: str,
        order_no: str,
        total_fen: int,
        insurance_fen: int,
        self_pay_fen: int,
        items: list[BillItem],
        details: list[BillDetail],
        remark: str,
        original: tuple[str, str],
        issued_at: Any,
    ) -> dict[str, Any]:
        check_message = f"{bill_code}|{bill_no}|{total_fen}|{clock.local(issued_at):%Y%m%d}".encode()
        check_code = hmac_sm3(_check_key(unit.private_key), check_message).hex()[:6]
        row: dict[str, Any] = {
            "id": new_id(),
            "bill_code": bill_code,
            "bill_no": bill_no,
            "check_code": check_code,
            "colour": colour,
            "total_fen": total_fen,
            "issued_at": issued_at,
            "institution_code": unit.code,
            "original_code": original[0],
            "original_no": original[1],
        }
        signature = await sm2.sign_async(unit.private_key, signed_text(row), public_key=unit.public_key)
        url = verify_url(bill_code, bill_no, check_code, signature)
        rows = await db.fetch(
            "INSERT INTO einvoice_local_bill (id, institution_code, institution_name, biz_no, colour, state,"
            " medical_kind, bill_code, bill_no, check_code, payer_enc, payer_masked, order_no, total_fen,"
            " insurance_fen, self_pay_fen, items, details, remark, original_code, original_no, signature,"
            " verify_url, issued_at) VALUES ({}, {}, {}, {}, {}, 'valid', {}, {}, {}, {}, {}, {}, {}, {},"
            " {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) RETURNING *",
            row["id"],
            unit.code,
            institution_name,
            biz_no,
            colour,
            medical_kind,
            bill_code,
            bill_no,
            check_code,
            encrypt_pii(payer_name),
            mask_name(payer_name),
            order_no,
            total_fen,
            insurance_fen,
            self_pay_fen,
            msgspec.json.encode(items).decode(),
            msgspec.json.encode(details).decode(),
            remark,
            original[0],
            original[1],
            signature,
            url,
            issued_at,
        )
        return rows[0]
