"""Each provider's wire format, both sides: what the sandbox signs our side verifies; a tampered
body or amount, another key, an unknown key serial, an old timestamp, an undecryptable resource
are all refused; our acknowledgements are what the provider counts as one; statements parse back
to what was booked. No database: keys are generated in memory."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from yiqiao.integrations.payment.alipay import AlipayWire
from yiqiao.integrations.payment.base import InvalidNotification
from yiqiao.integrations.payment.credit import CreditWire
from yiqiao.integrations.payment.ecny import EcnyWire, sm4_cbc_decrypt, sm4_cbc_encrypt
from yiqiao.integrations.payment.local import keys
from yiqiao.integrations.payment.local.faults import parse_plan
from yiqiao.integrations.payment.unionpay import UnionPayWire
from yiqiao.integrations.payment.wechat import WeChatWire
from yiqiao.integrations.payment.wire import (
    CallbackEvent,
    KeyMaterial,
    StatementRow,
    fen_from_yuan,
    load_rsa_public,
    rsa_sign,
    rsa_verify,
    sorted_pairs,
)
from yiqiao.kit import clock, sm2
from yiqiao.kit.money import yuan

NAMES = ("wechat", "alipay", "unionpay", "ecny", "credit")
WIRES: dict[str, type[Any]] = {
    "wechat": WeChatWire,
    "alipay": AlipayWire,
    "unionpay": UnionPayWire,
    "ecny": EcnyWire,
    "credit": CreditWire,
}


@pytest.fixture(scope="module")
def material() -> dict[str, KeyMaterial]:
    return {name: keys.generate(name) for name in NAMES}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def other_material() -> dict[str, KeyMaterial]:
    """Somebody else's keys: an attacker's, or a rotated-out certificate."""
    return {name: keys.generate(name) for name in NAMES}  # type: ignore[arg-type]


def wire(material: dict[str, KeyMaterial], name: str) -> Any:
    return WIRES[name](material[name])


def trade_event(state: str = "succeeded", total: int = 12_345) -> CallbackEvent:
    now = clock.now().replace(microsecond=0)
    return CallbackEvent(
        kind="trade",
        notify_id="N2026112210000001234",
        out_trade_no="BO2026112200001201",
        txn_id="4200002026112212345678" if state == "succeeded" else "",
        channel="mini_program",
        total_fen=total,
        state=state,
        at=now,
        created_at=now - dt.timedelta(minutes=2),
        failure_reason="" if state == "succeeded" else "ACQ.BUYER_BALANCE_NOT_ENOUGH",
        payer_ref="o-openid-1",
        description="挂号费-心内科-王医生",
    )


def refund_event(state: str = "succeeded") -> CallbackEvent:
    now = clock.now().replace(microsecond=0)
    return CallbackEvent(
        kind="refund",
        notify_id="N2026112210000009876",
        out_trade_no="BO2026112200001201",
        txn_id="4200002026112212345678",
        total_fen=12_345,
        state=state,
        at=now,
        created_at=now - dt.timedelta(hours=1),
        failure_reason="" if state == "succeeded" else "用户银行卡已注销",
        out_refund_no="RF2026112200000042",
        refund_id="50302026112200000000042",
        refund_fen=2_345,
        refunded_total_fen=2_345,
    )


async def encode(w: Any, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
    headers, body = await w.encode(event)
    return headers, body


# ---------------------------------------------------------------------------------------------
# round trips


@pytest.mark.parametrize("name", NAMES)
async def test_a_signed_payment_callback_verifies_to_the_trade(material, name):
    w = wire(material, name)
    event = trade_event()
    headers, body = await encode(w, event)
    note = w.verify(headers, body)
    assert note.refund is None and note.trade is not None
    assert note.trade.state == "succeeded"
    assert note.trade.out_trade_no == "BO2026112200001201"
    assert note.trade.amount_fen == 12_345
    assert note.trade.provider_txn_id == "4200002026112212345678"
    assert note.trade.paid_at == event.at
    assert note.trade.paid_at.utcoffset() == dt.timedelta(0)
    assert abs((note.sent_at - clock.now()).total_seconds()) < 60
    # A redelivery is signed afresh but is the same notification.
    again = w.verify(*await encode(w, event))
    assert again.notify_id == note.notify_id and note.notify_id


@pytest.mark.parametrize("name", NAMES)
async def test_a_failed_payment_callback_says_failed(material, name):
    w = wire(material, name)
    note = w.verify(*await encode(w, trade_event("failed")))
    assert note.trade is not None
    assert note.trade.state == "failed"
    assert note.trade.amount_fen == 12_345
    assert note.trade.provider_txn_id == ""
    assert note.trade.failure_reason


@pytest.mark.parametrize("name", NAMES)
async def test_a_refund_callback_verifies_to_the_refund(material, name):
    w = wire(material, name)
    note = w.verify(*await encode(w, refund_event()))
    assert note.trade is None and note.refund is not None
    assert note.refund.state == "succeeded"
    assert note.refund.out_refund_no == "RF2026112200000042"
    assert note.refund.amount_fen == 2_345  # this refund, not the payment's total


@pytest.mark.parametrize("name", [n for n in NAMES if n != "alipay"])  # Alipay refunds fail at once
async def test_a_failed_refund_callback_says_failed(material, name):
    w = wire(material, name)
    note = w.verify(*await encode(w, refund_event("failed")))
    assert note.refund is not None and note.refund.state == "failed"
    assert note.refund.failure_reason


# ---------------------------------------------------------------------------------------------
# what must be refused


def _tamper_amount(name: str, w: Any, headers: dict[str, str], body: bytes) -> bytes:
    """Change the amount the way an attacker who can read (or even decrypt) the body would."""
    if name == "alipay":
        params = dict(parse_qsl(body.decode()))
        params["total_amount"] = "0.01"
        return urlencode(params).encode()
    if name == "unionpay":
        params = dict(parse_qsl(body.decode()))
        params["txnAmt"] = "1"
        return urlencode(params).encode()
    if name == "credit":
        return body.replace(b'"amount":12345', b'"amount":1')
    envelope = json.loads(body)
    if name == "wechat":  # even with the APIv3 key: re-encrypt a smaller amount
        r = envelope["resource"]
        aes = AESGCM(w.material.secret.encode())
        plain = json.loads(
            aes.decrypt(r["nonce"].encode(), base64.b64decode(r["ciphertext"]), r["associated_data"].encode())
        )
        plain["amount"]["total"] = 1
        r["ciphertext"] = base64.b64encode(
            aes.encrypt(r["nonce"].encode(), json.dumps(plain).encode(), r["associated_data"].encode())
        ).decode()
        return json.dumps(envelope, separators=(",", ":")).encode()
    data = json.loads(sm4_cbc_decrypt(w.data_key, envelope["encData"]))  # ecny, with the data key
    data["amount"] = 1
    envelope["encData"] = sm4_cbc_encrypt(w.data_key, json.dumps(data).encode())
    return json.dumps(envelope).encode()


@pytest.mark.parametrize("name", NAMES)
async def test_a_tampered_amount_is_refused(material, name):
    w = wire(material, name)
    headers, body = await encode(w, trade_event())
    forged = _tamper_amount(name, w, headers, body)
    assert forged != body
    with pytest.raises(InvalidNotification) as exc:
        w.verify(headers, forged)
    assert exc.value.reason == "bad_signature"


@pytest.mark.parametrize("name", NAMES)
async def test_a_flipped_byte_anywhere_in_the_body_is_refused(material, name):
    w = wire(material, name)
    headers, body = await encode(w, trade_event())
    for at in (len(body) // 3, len(body) // 2, len(body) - 3):
        flipped = bytearray(body)
        flipped[at] ^= 0x01  # never just the case of a hex digit, which means the same
        with pytest.raises(InvalidNotification):
            w.verify(headers, bytes(flipped))


@pytest.mark.parametrize("name", NAMES)
async def test_a_callback_signed_with_another_key_is_refused(material, other_material, name):
    # Same ids and key serial, another private key: a forger who knows everything but the key.
    forger = msgspec.structs.replace(
        material[name],
        platform_private=other_material[name].platform_private,
        platform_public=other_material[name].platform_public,
    )
    headers, body = await encode(WIRES[name](forger), trade_event())
    with pytest.raises(InvalidNotification) as exc:
        wire(material, name).verify(headers, body)
    assert exc.value.reason == "bad_signature"


@pytest.mark.parametrize("name", [n for n in NAMES if n != "alipay"])  # Alipay names no key
async def test_an_unknown_key_serial_is_refused(material, other_material, name):
    stranger = msgspec.structs.replace(material[name], platform_key_id=other_material[name].platform_key_id)
    headers, body = await encode(WIRES[name](stranger), trade_event())
    with pytest.raises(InvalidNotification) as exc:
        wire(material, name).verify(headers, body)
    assert exc.value.reason == "unknown_serial"


@pytest.mark.parametrize("name", NAMES)
async def test_a_callback_for_another_merchant_is_refused(material, name):
    # Genuinely signed by the provider, but for another merchant (a replay across merchants).
    elsewhere = msgspec.structs.replace(material[name], merchant_id="OTHER0000001", app_id="OTHERAPP")
    headers, body = await encode(WIRES[name](elsewhere), trade_event())
    with pytest.raises(InvalidNotification) as exc:
        wire(material, name).verify(headers, body)
    assert exc.value.reason == "wrong_merchant"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("skew", [-1, 1])
async def test_a_timestamp_outside_the_replay_window_is_refused(material, monkeypatch, name, skew):
    w = wire(material, name)
    then = clock.now() + dt.timedelta(seconds=skew * 330)  # the window is 300 s; stamps are whole seconds
    with monkeypatch.context() as m:
        m.setattr(clock, "now", lambda: then)
        headers, body = await encode(w, trade_event())
    with pytest.raises(InvalidNotification) as exc:
        w.verify(headers, body)
    assert exc.value.reason == ("stale_timestamp" if skew < 0 else "future_timestamp")


async def test_wechat_undecryptable_resource_is_refused_even_when_signed(material):
    w = wire(material, "wechat")
    _, body = await encode(w, trade_event())
    envelope = json.loads(body)
    envelope["resource"]["ciphertext"] = base64.b64encode(b"x" * 48).decode()
    body = json.dumps(envelope).encode()
    ts, nonce = str(int(clock.now().timestamp())), "N" * 32
    headers = {
        "Wechatpay-Timestamp": ts,
        "Wechatpay-Nonce": nonce,
        "Wechatpay-Serial": w.material.platform_key_id,
        "Wechatpay-Signature": rsa_sign(w.platform_private_key, f"{ts}\n{nonce}\n".encode() + body + b"\n"),
    }
    with pytest.raises(InvalidNotification) as exc:
        w.verify(headers, body)
    assert exc.value.reason == "undecryptable"


async def test_ecny_undecryptable_data_is_refused_even_when_signed(material):
    w = wire(material, "ecny")
    _, body = await encode(w, trade_event())
    fields = json.loads(body)
    fields["encData"] = base64.b64encode(b"y" * 48).decode()
    del fields["sign"]
    fields["sign"] = sm2.sign(w.material.platform_private, sorted_pairs(fields, skip=("sign",)).encode())
    with pytest.raises(InvalidNotification) as exc:
        w.verify({}, json.dumps(fields).encode())
    assert exc.value.reason == "undecryptable"


@pytest.mark.parametrize("name", NAMES)
async def test_missing_signature_or_garbage_is_refused_not_crashed(material, name):
    w = wire(material, name)
    headers, body = await encode(w, trade_event())
    cases = [(headers, b""), (headers, b"\xff\xfe not even text"), (headers, b"[]"), (headers, b"a=1&b")]
    if name in ("wechat", "credit"):  # signed in headers; the others sign inside the body
        cases.append(({}, body))
    for h, b in cases:
        with pytest.raises(InvalidNotification):
            w.verify(h, b)


async def test_wechat_headers_are_read_case_insensitively(material):
    w = wire(material, "wechat")
    headers, body = await encode(w, trade_event())
    assert w.verify({k.lower(): v for k, v in headers.items()}, body).trade is not None


# ---------------------------------------------------------------------------------------------
# acknowledgements, client parameters, statements


@pytest.mark.parametrize("name", NAMES)
def test_our_acknowledgement_is_what_the_provider_counts_as_one(material, name):
    w = wire(material, name)
    yes, no = w.ack(True), w.ack(False)
    assert w.accepted(yes.status_code, yes.body)
    assert not w.accepted(no.status_code, no.body)
    assert not w.accepted(502, b"Bad Gateway")


def test_wechat_mini_program_parameters_are_signed_with_our_merchant_key(material):
    w = wire(material, "wechat")
    p = w.client_params("mini_program", "wx20261122101010abcdef", 100, "挂号费")
    assert p["package"] == "prepay_id=wx20261122101010abcdef" and p["signType"] == "RSA"
    message = f"{p['appId']}\n{p['timeStamp']}\n{p['nonceStr']}\n{p['package']}\n".encode()
    assert rsa_verify(load_rsa_public(w.material.merchant_public), message, p["paySign"])
    assert w.client_params("qr", "x", 100, "挂号费") == {}


def test_alipay_app_order_string_is_signed_with_our_app_key(material):
    w = wire(material, "alipay")
    params = dict(parse_qsl(w.client_params("app", "T123456", 1234, "检查费")["orderStr"]))
    assert json.loads(params["biz_content"])["total_amount"] == "12.34"
    message = sorted_pairs(params, skip=("sign",)).encode()
    assert rsa_verify(load_rsa_public(w.material.merchant_public), message, params["sign"])


def _rows() -> list[StatementRow]:
    day = clock.local(clock.now()).replace(hour=10, minute=0, second=0, microsecond=0)
    at = day.astimezone(dt.UTC)
    return [
        StatementRow(kind="payment", at=at, out_trade_no="BO000000101", txn_id="T-1", total_fen=2_000,
                     created_at=at - dt.timedelta(minutes=1), description="挂号费,心内科", channel="qr"),
        StatementRow(kind="payment", at=at + dt.timedelta(minutes=5), out_trade_no="BO000000201", txn_id="T-2",
                     total_fen=15_050, created_at=at, description="检查费"),
        StatementRow(kind="refund", at=at + dt.timedelta(minutes=9), out_trade_no="BO000000101", txn_id="T-1",
                     total_fen=2_000, created_at=at - dt.timedelta(minutes=1), out_refund_no="RF000000001",
                     refund_id="R-1", refund_fen=500),
    ]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_a_statement_parses_back_to_what_was_booked(material, name):
    w = wire(material, name)
    rows = _rows()
    data = w.format_statement(clock.local(rows[0].at).date(), rows)
    lines = w.parse_statement(data)
    got = [(x.kind, x.out_trade_no, x.out_refund_no, x.amount_fen, x.at) for x in lines]
    want = [(r.kind, r.out_trade_no, r.out_refund_no, r.refund_fen or r.total_fen, r.at) for r in rows]
    assert got == want
    refs = [x.provider_ref for x in lines]
    assert refs[0] == "T-1" and refs[1] == "T-2" and refs[2] in ("R-1", "T-1")


def test_an_empty_statement_parses_to_no_lines(material):
    for name in NAMES:
        w = wire(material, name)
        assert w.parse_statement(w.format_statement(clock.local(clock.now()).date(), [])) == []


def test_wechat_statement_looks_like_a_wechat_bill(material):
    w = wire(material, "wechat")
    text = w.format_statement(clock.local(clock.now()).date(), _rows()).decode()
    lines = text.splitlines()
    assert lines[0].startswith("交易时间,公众账号ID,商户号")
    assert all(f.startswith("`") for f in lines[1].split(","))
    assert lines[-2].startswith("总交易单数") and lines[-1].startswith("`3,`170.50,`5.00")


def test_ecny_statement_with_a_missing_line_is_refused(material):
    w = wire(material, "ecny")
    data = w.format_statement(clock.local(clock.now()).date(), _rows()).decode().splitlines()
    truncated = "\n".join(line for line in data if "BO000000201" not in line).encode()
    with pytest.raises(ValueError, match="trailer"):
        w.parse_statement(truncated)


# ---------------------------------------------------------------------------------------------
# amounts and the fault plan


def test_yuan_amounts_convert_exactly_and_refuse_anything_odd():
    assert [fen_from_yuan(t) for t in ("0.01", "12", "12.3", "12.34", "-5.00")] == [1, 1200, 1230, 1234, -500]
    assert [yuan(f) for f in (1, 100, 123_456, -1234)] == ["0.01", "1.00", "1234.56", "-12.34"]
    for bad in ("1e3", "1.234", "", " 1", "abc", "1.", "NaN", "１２"):
        with pytest.raises(ValueError):
            fen_from_yuan(bad)


def test_fault_plan_is_parsed_strictly():
    assert parse_plan("duplicate=0.1, late=0.05") == {"duplicate": 0.1, "late": 0.05}
    assert parse_plan("") == {}
    for bad in ("duplicate", "lost=0.1", "late=2", "late=soon"):
        with pytest.raises(ValueError, match="YQ_PAYMENT_CALLBACK_FAULTS"):
            parse_plan(bad)


def test_generated_keys_look_like_the_providers_ids(material):
    m = material
    assert re.fullmatch(r"[0-9A-F]{40}", m["wechat"].platform_key_id) and len(m["wechat"].secret) == 32
    assert m["alipay"].merchant_id.startswith("2088") and len(m["alipay"].merchant_id) == 16
    assert re.fullmatch(r"\d{15}", m["unionpay"].merchant_id) and re.fullmatch(
        r"\d{11}", m["unionpay"].platform_key_id
    )
    assert len(m["ecny"].platform_private) == 64 and m["ecny"].platform_public.startswith("04")
    assert "redacted" not in repr(m["wechat"]) and "PRIVATE" not in repr(m["wechat"])
