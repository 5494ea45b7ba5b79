"""E-invoices (电子票据) on real services.

The local e-bill platform: bill codes and numbers per unit and kind, check codes, the same request
number is one bill, red-letter reversal (红冲) once, public verification with the QR's signature,
busy and lost-reply failures, the PDF. Billing's side: a paid order gets one e-invoice (however
often or concurrently the event comes), a refund reverses it and reissues the remainder, a failing
platform is retried through the outbox and the sweep without a second bill, patients see and
download their own and their family's bills only, anyone can verify a bill, bad input is a 4xx that
changes nothing."""

from __future__ import annotations

import asyncio
import itertools
import re
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.pdftext import pdf_text

_UNITS = itertools.count(1)


def _unit() -> str:
    """A unit (institution code) of the platform no other test issues for."""
    return f"QX-EINV-T{next(_UNITS):02d}"


def _request(unit: str, total: int = 12345, insurance: int = 2345, **extra: Any) -> Any:
    from yiqiao.integrations.einvoice.base import BillDetail, BillItem, IssueRequest

    fields: dict[str, Any] = {
        "biz_no": uuid.uuid4().hex,
        "institution_code": unit,
        "institution_name": "青溪县人民医院",
        "medical_kind": "outpatient",
        "payer_name": "张三丰",
        "order_no": f"PLATFORM-TEST-{uuid.uuid4().hex[:8]}",
        "total_fen": total,
        "insurance_fen": insurance,
        "self_pay_fen": total - insurance,
        "items": [BillItem(code="09", name="西药费", amount_fen=total)],
        "details": [
            BillDetail(name="阿莫西林胶囊", category="西药费", quantity=1, unit_fen=total, amount_fen=total)
        ],
    }
    fields.update(extra)
    return IssueRequest(**fields)


def _qr(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def _bills(unit: str) -> int:
    from yiqiao import db

    rows = await db.fetch("SELECT count(*) AS n FROM einvoice_local_bill WHERE institution_code = {}", unit)
    return int(rows[0]["n"])


@pytest.fixture
async def platform(core: None) -> Any:
    from yiqiao.integrations.einvoice.local import LocalEInvoiceProvider, fail_next, lose_reply_next

    yield LocalEInvoiceProvider()
    await fail_next(0)
    await lose_reply_next(0)


# ---------------------------------------------------------------------------------------------
# The platform


async def test_platform_numbers_bills_per_unit_kind_and_year(platform):
    from yiqiao.kit import clock

    unit, other = _unit(), _unit()
    yy = f"{clock.local(clock.now()).year % 100:02d}"
    first = await platform.issue(_request(unit))
    assert re.fullmatch(r"\d{10}", first.bill_no) and re.fullmatch(r"[0-9a-f]{6}", first.check_code)
    assert first.bill_code == f"500205{yy}", "region 5002, 05 = outpatient, the year"
    assert first.colour == "blue" and first.total_fen == 12345
    block = first.bill_no[:2]
    second = await platform.issue(_request(unit, total=500, insurance=0))
    assert (
        second.bill_code == first.bill_code and second.bill_no == f"{block}{int(first.bill_no[2:]) + 1:08d}"
    )
    inpatient = await platform.issue(_request(unit, medical_kind="inpatient"))
    assert inpatient.bill_code == f"500206{yy}" and inpatient.bill_no == f"{block}00000001"
    elsewhere = await platform.issue(_request(other))
    assert elsewhere.bill_no[:2] != block and elsewhere.bill_no[2:] == "00000001", (
        "another unit, its own block"
    )
    assert len({first.check_code, second.check_code, inpatient.check_code}) == 3


async def test_the_same_request_number_is_one_bill(platform):
    unit = _unit()
    req = _request(unit)
    bills = await asyncio.gather(*(platform.issue(req) for _ in range(4)))
    assert len({(b.bill_code, b.bill_no) for b in bills}) == 1
    assert await _bills(unit) == 1
    assert await platform.find(unit, req.biz_no) == bills[0]
    assert await platform.find(unit, "never-asked") is None


async def test_verification_by_code_number_and_check_code_and_by_the_qr(platform):
    unit = _unit()
    bill = await platform.issue(_request(unit))
    found = await platform.verify(bill.bill_code, bill.bill_no, bill.check_code)
    assert found is not None and found.state == "valid" and found.colour == "blue"
    assert (
        found.payer_masked == "张*丰"
        and found.total_fen == 12345
        and found.institution_name == "青溪县人民医院"
    )
    assert found.signature_valid is None
    assert await platform.verify(bill.bill_code, bill.bill_no, bill.check_code.upper()) is not None
    wrong = "000000" if bill.check_code != "000000" else "111111"
    assert await platform.verify(bill.bill_code, bill.bill_no, wrong) is None
    qr = _qr(bill.verify_url)
    assert (qr["code"], qr["number"], qr["check"]) == (bill.bill_code, bill.bill_no, bill.check_code)
    signed = await platform.verify(qr["code"], qr["number"], qr["check"], qr["sig"])
    assert signed is not None and signed.signature_valid is True
    # Another bill's genuine signature on this bill's QR: an altered QR.
    other = await platform.issue(_request(unit))
    forged = await platform.verify(qr["code"], qr["number"], qr["check"], _qr(other.verify_url)["sig"])
    assert forged is not None and forged.signature_valid is False
    assert (await platform.verify(qr["code"], qr["number"], qr["check"], "AAAA")).signature_valid is False


async def test_red_letter_reversal_once(platform):
    from yiqiao.integrations.einvoice.base import ReverseRequest
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    blue = await platform.issue(_request(unit))
    req = ReverseRequest(
        biz_no=uuid.uuid4().hex,
        institution_code=unit,
        bill_code=blue.bill_code,
        bill_no=blue.bill_no,
        reason="退费",
    )
    red = await platform.reverse(req)
    assert red.colour == "red" and red.total_fen == -12345
    assert (red.original_code, red.original_no) == (blue.bill_code, blue.bill_no)
    assert red.bill_no != blue.bill_no and red.bill_code == blue.bill_code
    assert await platform.reverse(req) == red, "the same request number: the same red bill"
    was = await platform.verify(blue.bill_code, blue.bill_no, blue.check_code)
    assert (
        was is not None
        and was.state == "reversed"
        and (was.related_code, was.related_no)
        == (
            red.bill_code,
            red.bill_no,
        )
    )
    red_found = await platform.verify(red.bill_code, red.bill_no, red.check_code, _qr(red.verify_url)["sig"])
    assert red_found is not None and red_found.colour == "red" and red_found.state == "valid"
    assert red_found.signature_valid is True and red_found.total_fen == -12345
    before = await _bills(unit)
    for bad in (
        ReverseRequest(
            biz_no="again", institution_code=unit, bill_code=blue.bill_code, bill_no=blue.bill_no, reason="x"
        ),
        ReverseRequest(
            biz_no="red", institution_code=unit, bill_code=red.bill_code, bill_no=red.bill_no, reason="x"
        ),
        ReverseRequest(
            biz_no="none", institution_code=unit, bill_code=blue.bill_code, bill_no="0000000000", reason="x"
        ),
    ):
        with pytest.raises(ProviderError) as exc:
            await platform.reverse(bad)
        assert not exc.value.transient
    assert await _bills(unit) == before


async def test_platform_refuses_bills_that_do_not_add_up(platform):
    from yiqiao.integrations.einvoice.base import BillItem
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    for bad in (
        _request(unit, total=0, insurance=0, items=[]),
        _request(unit, items=[BillItem(code="09", name="西药费", amount_fen=100)]),
        _request(unit, insurance=20000),
        _request(unit, payer_name=" "),
    ):
        with pytest.raises(ProviderError) as exc:
            await platform.issue(bad)
        assert exc.value.code in {"E-AMOUNT", "E-PAYER"} and not exc.value.transient
    assert await _bills(unit) == 0


async def test_a_busy_platform_issues_nothing_and_a_lost_reply_is_found_again(platform):
    from yiqiao.integrations.einvoice.local import fail_next, lose_reply_next
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    req = _request(unit)
    await fail_next(2)
    for _ in range(2):
        with pytest.raises(ProviderError) as exc:
            await platform.issue(req)
        assert exc.value.transient and exc.value.code == "E-BUSY"
    assert await _bills(unit) == 0
    await lose_reply_next(1)
    with pytest.raises(ProviderError) as exc:
        await platform.issue(req)
    assert exc.value.transient and exc.value.code == "E-TIMEOUT"
    assert await _bills(unit) == 1, "issued, only the reply was lost"
    bill = await platform.issue(req)
    assert await _bills(unit) == 1 and await platform.find(unit, req.biz_no) == bill


async def test_the_pdf_is_rendered_once_and_reads_like_the_bill(platform):
    from yiqiao import db

    unit = _unit()
    bill = await platform.issue(_request(unit))
    pdf = await platform.pdf(bill.bill_code, bill.bill_no)
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    text = pdf_text(pdf)
    for expected in (
        f"票据代码：{bill.bill_code}",
        f"票据号码：{bill.bill_no}",
        f"校验码：{bill.check_code}",
        "交款人：张三丰",
        "合计（大写）：壹佰贰拾叁元肆角伍分",
        "医保统筹基金支付：23.45",
        "个人现金支付：100.00",
    ):
        assert expected in text, expected
    assert await platform.pdf(bill.bill_code, bill.bill_no) == pdf
    rows = await db.fetch(
        "SELECT pdf IS NOT NULL AS cached, payer_enc FROM einvoice_local_bill WHERE bill_no = {} AND bill_code = {}",
        bill.bill_no,
        bill.bill_code,
    )
    assert rows[0]["cached"] and "张三丰".encode() not in bytes(rows[0]["payer_enc"]), (
        "the payer is encrypted"
    )


# ---------------------------------------------------------------------------------------------
# Billing's side: an order's bills follow its money


def _lines() -> list[Any]:
    from yiqiao.billing.types import OrderItemIn

    return [
        OrderItemIn(code="REG01", name="普通门诊挂号", category="registration", unit_fen=1000, quantity=1),
        OrderItemIn(code="D001", name="阿莫西林胶囊", category="drug", unit_fen=1250, quantity=3),
        OrderItemIn(code="E001", name="胸部CT平扫", category="exam", unit_fen=8000, quantity=1),
    ]


async def _paid(account: uuid.UUID, patient: uuid.UUID, **kw: Any) -> Any:
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import key, make_order, patient_actor, trade

    kw.setdefault("lines", _lines())
    order = await make_order(account, patient, **kw)
    start = await payments.start_payment(
        patient_actor(account), order.id, PayCommand(provider="wechat"), key("pay")
    )
    outcome = await payments.apply_trade(
        SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", order.total_fen)
    )
    assert outcome == "applied"
    return order


async def _refund(account: uuid.UUID, order: Any, **cmd: Any) -> Any:
    """A patient's refund, settled by the provider."""
    from yiqiao.billing.service import payments, refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import key, patient_actor, refund_status

    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="不需要了", **cmd), key("refund")
    )
    status = refund_status(refund.refund_no, "succeeded", refund.amount_fen - refund.insurance_fen)
    assert await payments.apply_refund_status(SYSTEM, "wechat", status) == "applied"
    return refund


async def _deliver() -> None:
    """What the worker does every second: deliver the outbox (the billing events among it)."""
    from yiqiao.outbox.delivery import deliver_due

    await deliver_due()


async def _invoices(order_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM billing_invoice WHERE order_id = {} ORDER BY created_at", order_id)


async def _platform_bills(order_no: str) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT * FROM einvoice_local_bill WHERE order_no = {} ORDER BY issued_at", order_no
    )


async def _notices(account: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT title, body, data::text AS data FROM notice WHERE account_id = {} AND category = 'payment'"
        " ORDER BY created_at",
        account,
    )


async def test_a_paid_order_gets_one_e_invoice_the_patient_lists_downloads_and_anyone_verifies(
    patient_api, providers
):
    from tests.integration.billing_world import audit_actions, signed_in_patient

    headers, account, patient = await signed_in_patient(patient_api, "票甲")
    order = await _paid(account, patient)
    r = await patient_api.get("/invoices", headers=headers)
    assert r.status_code == 200 and r.json() == [], "issued after the payment event, not before"
    await _deliver()

    r = await patient_api.get("/invoices", headers=headers)
    assert r.status_code == 200, r.text
    [inv] = r.json()
    assert inv["order_id"] == str(order.id) and inv["order_no"] == order.order_no
    assert inv["colour"] == "blue" and inv["status"] == "issued" and inv["medical_kind"] == "outpatient"
    assert inv["total_fen"] == 12750 and inv["self_pay_fen"] == 12750 and inv["insurance_fen"] == 0
    assert inv["total_in_words"] == "壹佰贰拾柒元伍角"
    assert inv["patient_name_masked"] == "患**甲" and inv["institution_name"] == "青溪县人民医院"
    assert re.fullmatch(r"5002\d{4}", inv["bill_code"]) and re.fullmatch(r"\d{10}", inv["bill_no"])
    assert re.fullmatch(r"[0-9a-f]{6}", inv["check_code"])
    assert (await patient_api.get(f"/invoices/{inv['id']}", headers=headers)).json() == inv
    assert (
        await patient_api.get("/invoices", params={"order_id": str(order.id)}, headers=headers)
    ).json() == [inv]

    notices = await _notices(account)
    assert [n["title"] for n in notices].count("电子票据已开具") == 1
    issued = next(n for n in notices if n["title"] == "电子票据已开具")
    assert inv["bill_no"] in issued["body"] and "壹佰贰拾柒元伍角" in issued["body"]

    r = await patient_api.get(f"/invoices/{inv['id']}/pdf", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert f'filename="{inv["bill_code"]}-{inv["bill_no"]}.pdf"' in r.headers["content-disposition"]
    text = pdf_text(r.content)
    for expected in (
        "医疗门诊收费票据（电子）",
        f"票据号码：{inv['bill_no']}",
        f"校验码：{inv['check_code']}",
        "交款人：患者票甲",
        "检查费\n80.00",
        "西药费\n37.50",
        "挂号费\n10.00",
        "合计（大写）：壹佰贰拾柒元伍角",
        "个人现金支付：127.50",
        "阿莫西林胶囊\n西药费\n3\n12.50\n37.50",
    ):
        assert expected in text, expected

    # The QR's link, opened by anyone (no sign-in): genuine, valid, the payer masked.
    qr = _qr(inv["verify_url"])
    r = await patient_api.get("/invoices/verify", params=qr)
    assert r.status_code == 200, r.text
    v = r.json()
    assert v["result"] == "valid" and v["colour"] == "blue" and v["signature_checked"] is True
    assert (
        v["payer_masked"] == "患**甲"
        and v["total_fen"] == 12750
        and v["total_in_words"] == "壹佰贰拾柒元伍角"
    )
    assert (v["bill_code"], v["bill_no"]) == (inv["bill_code"], inv["bill_no"])
    typed = {k: qr[k] for k in ("code", "number", "check")}
    r = await patient_api.get("/invoices/verify", params=typed)
    assert r.status_code == 200 and r.json()["signature_checked"] is False and r.json()["result"] == "valid"

    actions = await audit_actions(uuid.UUID(inv["id"]))
    assert actions == ["billing_invoice.request", "billing_invoice.issue", "billing_invoice.download"]


async def test_one_invoice_however_often_and_concurrently_the_payment_is_heard(core, providers):
    from yiqiao.billing.service import invoices

    from tests.integration.billing_world import new_patient

    account, patient = await new_patient("票乙")
    order = await _paid(account, patient)
    await asyncio.gather(*(invoices.on_order_paid(order.id, {"order_id": str(order.id)}) for _ in range(4)))
    await _deliver()
    await invoices.on_order_paid(order.id, {"order_id": str(order.id)})
    assert await invoices.sync_order(order.id) == 0
    rows = await _invoices(order.id)
    assert [(r["colour"], r["status"]) for r in rows] == [("blue", "issued")]
    assert len(await _platform_bills(order.order_no)) == 1
    assert [n["title"] for n in await _notices(account)].count("电子票据已开具") == 1


async def test_a_partial_refund_reverses_the_bill_and_reissues_the_rest_then_a_full_one_only_reverses(
    patient_api, providers
):
    from yiqiao.integrations.einvoice import get_einvoice_provider

    from tests.integration.billing_world import signed_in_patient

    headers, account, patient = await signed_in_patient(patient_api, "票丙")
    order = await _paid(account, patient)
    await _deliver()
    [first] = await _invoices(order.id)

    from yiqiao.billing.types import RefundLine

    await _refund(account, order, item_lines=[RefundLine(line_no=2)])  # the drugs, 37.50
    await _deliver()
    rows = await _invoices(order.id)
    assert [(r["colour"], r["status"], r["total_fen"]) for r in rows] == [
        ("blue", "reversed", 12750),
        ("red", "issued", -12750),
        ("blue", "issued", 9000),
    ]
    red, second = rows[1], rows[2]
    assert red["related_id"] == first["id"] and second["related_id"] == first["id"]
    platform = get_einvoice_provider()
    was = await platform.verify(first["bill_code"], first["bill_no"], first["check_code"])
    assert was is not None and was.state == "reversed" and was.related_no == red["bill_no"]
    text = pdf_text(await platform.pdf(second["bill_code"], second["bill_no"]))
    assert "合计（大写）：玖拾元整" in text and "西药费" not in text and "阿莫西林" not in text
    assert f"部分退费后重开，原票据{first['bill_code']}-{first['bill_no']}" in text
    red_text = pdf_text(await platform.pdf(red["bill_code"], red["bill_no"]))
    assert "（红字）" in red_text and "负壹佰贰拾柒元伍角" in red_text and first["bill_no"] in red_text

    r = await patient_api.get("/invoices", params={"order_id": str(order.id)}, headers=headers)
    listed = {i["id"]: i for i in r.json()}
    assert listed[str(first["id"])]["reversed_by_id"] == str(red["id"])
    assert listed[str(first["id"])]["status_text"].startswith("reversed")
    assert listed[str(red["id"])]["total_in_words"] == "负壹佰贰拾柒元伍角"
    # Anyone verifying the first bill learns it no longer counts.
    v = (await patient_api.get("/invoices/verify", params=_qr(first["verify_url"]))).json()
    assert v["result"] == "reversed" and v["related_bill_no"] == red["bill_no"]
    titles = [n["title"] for n in await _notices(account)]
    assert titles.count("电子票据已冲红") == 1 and titles.count("电子票据已开具") == 2

    await _refund(account, order)  # everything left
    await _deliver()
    rows = await _invoices(order.id)
    assert [(r["colour"], r["status"], r["total_fen"]) for r in rows] == [
        ("blue", "reversed", 12750),
        ("red", "issued", -12750),
        ("blue", "reversed", 9000),
        ("red", "issued", -9000),
    ]
    assert len(await _platform_bills(order.order_no)) == 4
    titles = [n["title"] for n in await _notices(account)]
    assert titles.count("电子票据已冲红") == 2 and titles.count("电子票据已开具") == 2


async def test_a_busy_platform_is_retried_through_the_outbox_without_a_second_bill(patient_api, providers):
    from yiqiao import db
    from yiqiao.integrations.einvoice.local import fail_next

    from tests.integration.billing_world import signed_in_patient

    headers, account, patient = await signed_in_patient(patient_api, "票丁")
    await fail_next(1)
    order = await _paid(account, patient)
    await _deliver()
    [row] = await _invoices(order.id)
    assert (
        row["status"] == "issuing" and row["failed_attempts"] == 1 and row["last_error"].startswith("E-BUSY")
    )
    assert await _platform_bills(order.order_no) == []
    message = await db.fetch(
        "SELECT status, attempts FROM outbox_message WHERE dedupe_key = {}", f"billing.order_paid:{order.id}"
    )
    assert message[0]["status"] == "pending" and message[0]["attempts"] == 1, "the event will be retried"
    r = await patient_api.get("/invoices", headers=headers)
    assert [(i["status"], i["bill_no"]) for i in r.json()] == [("issuing", None)]
    r = await patient_api.get(f"/invoices/{row['id']}/pdf", headers=headers)
    assert r.status_code == 409 and r.json()["code"] == "invoice_not_ready"

    # The outbox's backoff has passed: the event comes again and the bill is issued.
    await db.execute(
        "UPDATE outbox_message SET next_attempt_at = now() WHERE dedupe_key = {}",
        f"billing.order_paid:{order.id}",
    )
    await _deliver()
    [row] = await _invoices(order.id)
    assert row["status"] == "issued" and row["last_error"] == ""
    assert len(await _platform_bills(order.order_no)) == 1
    assert [n["title"] for n in await _notices(account)].count("电子票据已开具") == 1


async def test_a_lost_reply_is_picked_up_by_the_sweep_with_the_bill_already_issued(core, providers):
    from yiqiao.billing.service import invoices
    from yiqiao.integrations.einvoice.local import lose_reply_next

    from tests.integration.billing_world import new_patient

    account, patient = await new_patient("票戊")
    await lose_reply_next(1)
    order = await _paid(account, patient)
    await _deliver()
    [row] = await _invoices(order.id)
    assert row["status"] == "issuing" and row["last_error"].startswith("E-TIMEOUT")
    [bill] = await _platform_bills(order.order_no)
    assert await invoices.sweep(older_than_s=3600) == 0, "only requests left alone for a while"
    assert await invoices.sweep(older_than_s=0) >= 1
    [row] = await _invoices(order.id)
    assert row["status"] == "issued" and (row["bill_code"], row["bill_no"]) == (
        bill["bill_code"],
        bill["bill_no"],
    )
    assert len(await _platform_bills(order.order_no)) == 1


async def test_patients_see_their_own_and_their_familys_invoices_only(patient_api, providers):
    from tests.integration.billing_world import add_family_member, signed_in_patient

    a_headers, a_account, a_patient = await signed_in_patient(patient_api, "票己")
    b_headers, _, b_patient = await signed_in_patient(patient_api, "票庚")
    child = await add_family_member(a_account, "票子")
    await _paid(a_account, a_patient)
    child_order = await _paid(a_account, child)
    await _deliver()

    mine = (await patient_api.get("/invoices", headers=a_headers)).json()
    assert {i["patient_id"] for i in mine} == {str(a_patient), str(child)}
    childs = (await patient_api.get("/invoices", params={"patient_id": str(child)}, headers=a_headers)).json()
    assert [i["order_id"] for i in childs] == [str(child_order.id)] and childs[0][
        "patient_name_masked"
    ] == "家**子"

    assert (await patient_api.get("/invoices", headers=b_headers)).json() == []
    for inv in mine:
        for path in (f"/invoices/{inv['id']}", f"/invoices/{inv['id']}/pdf"):
            r = await patient_api.get(path, headers=b_headers)
            assert r.status_code == 404 and r.json()["code"] == "invoice_not_found", path
    for who in (a_patient, child):
        r = await patient_api.get("/invoices", params={"patient_id": str(who)}, headers=b_headers)
        assert r.status_code == 404 and r.json()["code"] == "profile_not_found"
    r = await patient_api.get("/invoices", params={"order_id": mine[0]["order_id"]}, headers=b_headers)
    assert r.status_code == 200 and r.json() == []
    assert (
        await patient_api.get("/invoices", params={"patient_id": str(b_patient)}, headers=b_headers)
    ).json() == []
    assert (await patient_api.get("/invoices")).status_code == 401


async def test_bad_verification_input_is_a_clear_4xx_and_changes_nothing(patient_api, providers):
    from yiqiao import db

    from tests.integration.billing_world import new_patient

    account, patient = await new_patient("票辛")
    order = await _paid(account, patient)
    await _deliver()
    [row] = await _invoices(order.id)
    qr = _qr(row["verify_url"])
    before = await db.fetch("SELECT count(*) AS n, max(updated_at) AS at FROM billing_invoice")
    cases = [
        ({**qr, "code": "5002ab26"}, 422, "bill_code_invalid"),
        ({**qr, "number": "123"}, 422, "bill_no_invalid"),
        ({**qr, "check": "zz12!x"}, 422, "check_code_invalid"),
        ({**qr, "sig": "short"}, 422, "invoice_signature_invalid"),
        ({**qr, "number": f"{(int(qr['number']) + 9999) % 10**10:010d}"}, 404, "invoice_not_found"),
        ({**qr, "check": "000000" if qr["check"] != "000000" else "111111"}, 404, "invoice_not_found"),
    ]
    other_order = await _paid(account, patient)
    await _deliver()
    [other] = await _invoices(other_order.id)
    cases.append(({**qr, "sig": _qr(other["verify_url"])["sig"]}, 422, "invoice_signature_invalid"))
    for params, status, code in cases:
        r = await patient_api.get("/invoices/verify", params=params)
        assert r.status_code == status and r.json()["code"] == code, (params, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    r = await patient_api.get("/invoices/verify", params={"code": qr["code"]})
    assert r.status_code == 400
    after = await db.fetch("SELECT count(*) AS n, max(updated_at) AS at FROM billing_invoice")
    assert after[0]["n"] == before[0]["n"] + 1 and after[0]["at"] >= before[0]["at"]
    assert (await db.fetch("SELECT status FROM billing_invoice WHERE id = {}", row["id"]))[0][
        "status"
    ] == "issued"


async def test_verification_is_rate_limited_per_client(patient_api):
    params = {"code": "50020526", "number": "0100000001", "check": "abcdef"}
    codes = [(await patient_api.get("/invoices/verify", params=params)).status_code for _ in range(31)]
    assert codes[:30] == [404] * 30 and codes[30] == 429


# --- stays in hospital: one inpatient bill when the stay is settled here ----------------------

_STAYS = itertools.count()


async def _inpatient(label: str) -> dict[str, Any]:
    """A new account with its own profile and a HIS card, admitted today (phones 1587…, ID region
    5101 and cards IPV… are used by no other helper)."""
    import datetime as dt

    from yiqiao import db
    from yiqiao.billing.service import inpatient
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.integrations.his import local_inpatient
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit import clock
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    n = next(_STAYS)
    name = f"住院{label}"
    number = make_id_number(f"5101{10 + n // 15000:02d}", dt.date(1950, 1, 1) + dt.timedelta(days=n), "135")
    phone = f"1587{n:07d}"
    account = await patients.account_for_phone(phone)
    actor = Actor(kind="patient", id=account)
    profile = await patients.add_profile(actor, AddProfile(name=name, id_number=number, relationship="self"))
    card = f"IPV{n:09d}"
    await add_card(card_no=card, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    day = clock.local(clock.now()).date()
    his = await local_inpatient.admit(
        card_no=card,
        department="普通外科",
        ward="普通外科病区",
        bed=f"6{n % 100:02d}-1",
        admitted_at=dt.datetime.combine(day, dt.time(0, 30), tzinfo=clock.SHANGHAI).astimezone(dt.UTC),
    )
    await inpatient.sync_admissions()
    stay = (await db.fetch("SELECT * FROM inpatient_admission WHERE admission_no = {}", his.admission_no))[0]
    return {"account": account, "actor": actor, "patient": profile.id, "phone": phone, "stay": stay}


async def _deposit(who: dict[str, Any], amount: int) -> Any:
    from yiqiao.billing.inpatient_types import DepositIn
    from yiqiao.billing.service import deposits, payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import key, trade

    d = await deposits.top_up(who["actor"], who["stay"]["id"], DepositIn(amount_fen=amount), key("dep"))
    start = await deposits.pay_deposit(who["actor"], d.id, PayCommand(provider="wechat"), key("pay"))
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", amount))
        == "applied"
    )
    return d


async def _discharge_verified(who: dict[str, Any]) -> None:
    """The doctor orders the discharge and the ward nurse verifies the orders at the HIS."""
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient

    await local_inpatient.order_discharge(who["stay"]["admission_no"])
    await local_inpatient.verify_discharge_orders(who["stay"]["admission_no"])
    await inpatient.sync_admissions()


async def _settle(who: dict[str, Any]) -> Any:
    from yiqiao.billing.service import inpatient

    from tests.integration.billing_world import key

    await _discharge_verified(who)
    return await inpatient.settle(who["actor"], who["stay"]["id"], key("settle"))


async def _stay_invoices(admission_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM billing_invoice WHERE admission_id = {}", admission_id)


async def _stay(admission_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", admission_id))[0]


async def test_a_stay_settled_by_refunding_the_remainder_gets_one_inpatient_bill_for_all_its_charges(
    patient_api, providers
):
    from yiqiao.billing.service import inpatient, payments
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import refund_status
    from tests.integration.flows import bearer, patient_tokens

    who = await _inpatient("票一")
    deposit = await _deposit(who, 500_000)
    await _deliver()
    assert await _invoices(deposit.order_id) == [], "a deposit gets a deposit receipt, not a fiscal bill"
    s = await _settle(who)
    assert s.admission.status == "settling" and len(s.refunds) == 1
    await _deliver()
    assert await _stay_invoices(who["stay"]["id"]) == [], "not settled yet: the remainder is on its way back"
    sent = {req.out_refund_no: req for req in providers["wechat"].refunds}  # a resubmission repeats one
    assert len(sent) == 1
    for req in sent.values():
        status = refund_status(req.out_refund_no, "succeeded", req.amount_fen)
        assert await payments.apply_refund_status(SYSTEM, "wechat", status) == "applied"
    await _deliver()
    stay = await _stay(who["stay"]["id"])
    assert stay["status"] == "settled"
    [row] = await _stay_invoices(stay["id"])
    assert row["status"] == "issued" and row["medical_kind"] == "inpatient" and row["bill_code"][4:6] == "06"
    assert row["total_fen"] == stay["charges_fen"] and row["insurance_fen"] == stay["insurance_fen"]
    assert row["order_id"] is None and row["self_pay_fen"] == stay["self_pay_fen"]
    assert await _invoices(deposit.order_id) == [], "the refunded deposit still gets none"

    headers = bearer(await patient_tokens(patient_api, who["phone"]))
    [inv] = (await patient_api.get("/invoices", headers=headers)).json()
    assert inv["admission_id"] == str(stay["id"]) and inv["admission_no"] == stay["admission_no"]
    assert inv["title"] == f"住院结算 住院号{stay['admission_no']}" and inv["order_id"] is None
    r = await patient_api.get(f"/invoices/{inv['id']}/pdf", headers=headers)
    assert r.status_code == 200
    text = pdf_text(r.content)
    charges = await inpatient.charges_of(stay["admission_no"])
    assert "医疗住院收费票据（电子）" in text and f"住院号{stay['admission_no']}" in text
    assert sum(c.amount_fen for c in charges) == stay["charges_fen"]
    for c in {c.name for c in charges}:
        assert c in text, c
    assert [n["title"] for n in await _notices(who["account"])].count("电子票据已开具") == 1
    v = (await patient_api.get("/invoices/verify", params=_qr(inv["verify_url"]))).json()
    assert (
        v["result"] == "valid" and v["medical_kind"] == "inpatient" and v["total_fen"] == stay["charges_fen"]
    )
    # Nothing more however often it is heard.
    assert await inpatient_sync(stay["id"]) == 0
    assert len(await _stay_invoices(stay["id"])) == 1


async def inpatient_sync(admission_id: uuid.UUID) -> int:
    from yiqiao.billing.service import invoices

    return await invoices.sync_admission(admission_id)


async def test_a_stay_whose_shortfall_is_paid_is_billed_for_the_stay_not_the_difference(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import key, trade

    who = await _inpatient("票二")
    await _deposit(who, 1_000)
    s = await _settle(who)
    order = s.discharge_order
    assert order is not None and order.kind == "discharge"
    start = await payments.start_payment(who["actor"], order.id, PayCommand(provider="wechat"), key("pay"))
    outcome = await payments.apply_trade(
        SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", order.total_fen)
    )
    assert outcome == "applied"
    await _deliver()
    stay = await _stay(who["stay"]["id"])
    assert stay["status"] == "settled"
    assert await _invoices(order.id) == [], "the difference is part of the stay's bill"
    [row] = await _stay_invoices(stay["id"])
    assert row["status"] == "issued" and row["total_fen"] == stay["charges_fen"] > order.total_fen


async def test_a_stay_settled_without_an_event_is_billed_by_the_sweep_and_one_settled_at_the_window_never(
    core, providers
):
    from yiqiao.billing.service import inpatient, invoices
    from yiqiao.integrations.his import get_his_provider

    exact = await _inpatient("票三")
    await _discharge_verified(exact)
    covered = await _stay(exact["stay"]["id"])
    await _deposit(exact, covered["self_pay_fen"])
    await _deliver()  # the deposit's payment is heard before the stay settles
    s = await inpatient.settle(exact["actor"], exact["stay"]["id"], "k-exact-" + uuid.uuid4().hex[:8])
    assert s.admission.status == "settled" and s.discharge_order is None and s.refunds == []

    window = await _inpatient("票四")
    await _discharge_verified(window)
    at_window = await _stay(window["stay"]["id"])
    await get_his_provider().settle_discharge(
        at_window["admission_no"],
        ref="WINDOW-1",
        charges_fen=at_window["charges_fen"],
        insurance_fen=at_window["insurance_fen"],
        self_pay_fen=at_window["self_pay_fen"],
    )
    await inpatient.sync_admissions()
    at_window = await _stay(window["stay"]["id"])
    assert at_window["status"] == "settled"
    assert at_window["status_reason"] == invoices.SETTLED_AT_WINDOW, (
        "how the window's settlement is told apart"
    )

    await _deliver()
    assert await _stay_invoices(exact["stay"]["id"]) == []
    assert await invoices.sweep() >= 1
    [row] = await _stay_invoices(exact["stay"]["id"])
    assert row["status"] == "issued" and row["total_fen"] == covered["charges_fen"]
    assert await invoices.sync_admission(window["stay"]["id"]) == 0
    assert await _stay_invoices(window["stay"]["id"]) == [], "the window bills what it settled"


async def test_every_invoice_transition_applies_once_from_its_sources(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import invoices
    from yiqiao.integrations.einvoice.base import IssuedBill
    from yiqiao.kit import clock
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import audit_actions, new_patient

    assert set(invoices.INVOICE_TRANSITIONS) == {"issue", "reverse"}
    account, patient = await new_patient("票癸")
    order = await _paid(account, patient)
    await _deliver()
    [blue] = await _invoices(order.id)
    bill = IssuedBill(
        biz_no="x",
        colour="blue",
        bill_code=blue["bill_code"],
        bill_no=blue["bill_no"],
        check_code=blue["check_code"],
        issued_at=clock.now(),
        total_fen=blue["total_fen"],
        signature="00",
        verify_url=blue["verify_url"],
    )
    async with db.transaction():
        assert await invoices.apply_invoice(SYSTEM, blue["id"], "issue", bill=bill) is None, "issued already"
    await invoices.on_refund_succeeded(order.id, {"order_id": str(order.id)})
    assert (await _invoices(order.id))[0]["status"] == "issued", "nothing was refunded: nothing to reverse"
    await _refund(account, order)
    await _deliver()
    blue_now, red = await _invoices(order.id)
    assert blue_now["status"] == "reversed" and red["colour"] == "red" and red["status"] == "issued"
    async with db.transaction():
        assert await invoices.apply_invoice(SYSTEM, blue["id"], "reverse") is None, "reversed once"
        assert await invoices.apply_invoice(SYSTEM, red["id"], "reverse") is None, (
            "a red bill is never reversed"
        )
    assert await audit_actions(blue["id"]) == [
        "billing_invoice.request",
        "billing_invoice.issue",
        "billing_invoice.reverse",
    ]
    assert await audit_actions(red["id"]) == ["billing_invoice.request", "billing_invoice.issue"]


async def test_end_to_end_through_the_wechat_sandbox_wallet_and_its_signed_callbacks(patient_api):
    """No stand-ins but the payer's thumb: the sandbox wallet pays, its signed callback reaches the
    notify endpoint, the worker's outbox issues the bill; a partial refund through the sandbox (its
    refund callback too) reverses it and reissues the rest."""
    wallet = pytest.importorskip("yiqiao.integrations.payment.local.wallet")
    delivery = pytest.importorskip("yiqiao.integrations.payment.local.delivery")
    import datetime as dt

    from tests.integration.billing_world import key, make_order, signed_in_patient

    headers, account, patient = await signed_in_patient(patient_api, "票全流程")
    order = await make_order(account, patient, lines=_lines())
    r = await patient_api.post(
        f"/orders/{order.id}/pay",
        json={"provider": "wechat", "channel": "mini_program"},
        headers=headers | {"Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    await wallet.pay(r.json()["payload"]["prepay_id"])
    await delivery.deliver_due(client=patient_api)
    await _deliver()
    [inv] = (await patient_api.get("/invoices", headers=headers)).json()
    assert inv["status"] == "issued" and inv["total_fen"] == 12_750 and inv["order_id"] == str(order.id)

    r = await patient_api.post(
        f"/orders/{order.id}/refunds",
        json={"reason": "不需要了", "item_lines": [{"line_no": 3}]},
        headers=headers | {"Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    await delivery.deliver_due(client=patient_api, until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    await _deliver()
    r = await patient_api.get("/invoices", params={"order_id": str(order.id)}, headers=headers)
    bills = sorted(((i["colour"], i["status"], i["total_fen"]) for i in r.json()), key=str)
    assert bills == [("blue", "issued", 4_750), ("blue", "reversed", 12_750), ("red", "issued", -12_750)]
