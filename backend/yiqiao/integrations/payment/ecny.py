"""Digital RMB (数字人民币, e-CNY) through an operating institution's merchant interface, both sides.

The operators' interfaces differ in detail but share a shape, which this follows: a JSON callback
whose business data is SM4-CBC encrypted (``encData``: base64 of IV || ciphertext, PKCS#7, under
the data key both parties hold) and which is signed with SM2 (GB/T 32918, SM3 digest) by the
operator over the other fields sorted and joined as ``k=v&k=v``; ``certSn`` names the operator's
key. ::

    {"version": "1.0", "msgType": "PAY_RESULT" | "REFUND_RESULT", "notifyId": "...",
     "notifyTime": "yyyyMMddHHmmss", "merchantNo": "...", "certSn": "...", "signType": "SM2",
     "encType": "SM4", "encData": "...", "sign": "<r||s hex>"}

We answer ``{"returnCode": "SUCCESS"}``; anything else is redelivered at 30 s, 1, 5, 15, 30, 60 min.

SM2 in pure Python costs milliseconds per signature (``kit.sm2``), so it stays in this provider;
signing for a delivery runs off the event loop. Statement: ``|``-separated text, a header line
``H``, detail lines ``D``, a trailer ``T`` with counts and sums, amounts in fen."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import secrets
from collections.abc import Mapping

import msgspec
from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from yiqiao.integrations.payment.base import (
    Ack,
    Channel,
    InvalidNotification,
    Notification,
    RefundStatus,
    StatementLine,
    TradeStatus,
)
from yiqiao.integrations.payment.wire import (
    CallbackEvent,
    StatementRow,
    WireBase,
    check_window,
    decode_json,
    digits,
    int_field,
    local_text,
    parse_local,
    sorted_pairs,
    statement_line,
    text_field,
)
from yiqiao.kit import clock, sm2

TIME = "%Y%m%d%H%M%S"


def sm4_cbc_encrypt(key: bytes, plaintext: bytes) -> str:
    iv = os.urandom(16)
    padder = sym_padding.PKCS7(128).padder()
    data = padder.update(plaintext) + padder.finalize()
    enc = Cipher(algorithms.SM4(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(iv + enc.update(data) + enc.finalize()).decode()


def sm4_cbc_decrypt(key: bytes, blob_b64: str) -> bytes:
    blob = base64.b64decode(blob_b64, validate=True)
    if len(blob) < 32 or len(blob) % 16:
        raise ValueError("not an SM4-CBC blob")
    dec = Cipher(algorithms.SM4(key), modes.CBC(blob[:16])).decryptor()
    data = dec.update(blob[16:]) + dec.finalize()
    unpadder = sym_padding.PKCS7(128).unpadder()
    return unpadder.update(data) + unpadder.finalize()


class EcnyWire(WireBase):
    name = "ecny"
    retry_schedule = (30, 60, 300, 900, 1800, 3600)

    @property
    def data_key(self) -> bytes:
        return bytes.fromhex(self.material.secret)

    # ---- ours -------------------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification:
        envelope = decode_json(body)
        fields = {k: v for k, v in envelope.items() if isinstance(v, str)}
        if len(fields) != len(envelope):
            raise InvalidNotification("malformed", "every field is text")
        signature = fields.get("sign", "")
        if not signature:
            raise InvalidNotification("missing_signature", "no sign field")
        if fields.get("signType") != "SM2":
            raise InvalidNotification("unsupported_signature_type", fields.get("signType", ""))
        if fields.get("certSn") != self.material.platform_key_id:
            raise InvalidNotification("unknown_serial", fields.get("certSn", ""))
        message = sorted_pairs(fields, skip=("sign",)).encode()
        if not sm2.verify(self.material.platform_public, message, signature):
            raise InvalidNotification("bad_signature")
        if fields.get("merchantNo") != self.material.merchant_id:
            raise InvalidNotification("wrong_merchant", fields.get("merchantNo", ""))
        try:
            sent_at = parse_local(fields["notifyTime"], TIME)
        except (KeyError, ValueError):
            raise InvalidNotification("malformed", "notifyTime") from None
        check_window(sent_at)
        try:
            data = decode_json(sm4_cbc_decrypt(self.data_key, fields.get("encData", "")))
        except (ValueError, binascii.Error):
            raise InvalidNotification("undecryptable", "SM4 data") from None
        notify_id = fields.get("notifyId", "")
        if not notify_id:
            raise InvalidNotification("malformed", "notifyId")
        msg_type = fields.get("msgType")
        status = text_field(data, "status")
        ok = status == "SUCCESS"
        finished = data.get("finishTime")
        at = parse_local(finished, TIME) if ok and isinstance(finished, str) else None
        try:
            if msg_type == "PAY_RESULT":
                trade = TradeStatus(
                    out_trade_no=text_field(data, "orderNo"),
                    state="succeeded" if ok else "closed" if status == "CLOSED" else "failed",
                    amount_fen=int_field(data, "amount"),
                    provider_txn_id=str(data.get("txnNo") or "") if ok else "",
                    paid_at=at,
                    failure_reason="" if ok else str(data.get("errMsg") or status),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, trade=trade)
            if msg_type == "REFUND_RESULT":
                refund = RefundStatus(
                    out_refund_no=text_field(data, "refundNo"),
                    state="succeeded" if ok else "failed",
                    amount_fen=int_field(data, "refundAmount"),
                    provider_refund_id=str(data.get("refundTxnNo") or ""),
                    finished_at=at,
                    failure_reason="" if ok else str(data.get("errMsg") or status),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, refund=refund)
        except ValueError as exc:
            raise InvalidNotification("malformed", str(exc)) from None
        raise InvalidNotification("malformed", f"msgType {msg_type}")

    def ack(self, accepted: bool) -> Ack:
        return self.ack_json(
            accepted,
            b'{"returnCode":"SUCCESS","returnMsg":"OK"}',
            b'{"returnCode":"FAIL","returnMsg":"rejected"}',
        )

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        if channel == "qr":
            return {}
        return {"payToken": prepay_id, "walletUrl": f"ecny://pay?token={prepay_id}"}

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        lines: list[StatementLine] = []
        pays = refunds = pay_sum = refund_sum = 0
        trailer: list[str] | None = None
        for raw in data.decode("utf-8").splitlines():
            f = raw.split("|")
            if f[0] == "D":
                at = parse_local(f[7], TIME)
                amount = int(f[6])
                if f[1] == "REFUND":
                    refunds, refund_sum = refunds + 1, refund_sum + amount
                    lines.append(statement_line("refund", f[2], f[5], amount, at, f[3]))
                else:
                    pays, pay_sum = pays + 1, pay_sum + amount
                    lines.append(statement_line("payment", f[2], f[4], amount, at))
            elif f[0] == "T":
                trailer = f
        if trailer is None or [int(x) for x in trailer[1:5]] != [pays, pay_sum, refunds, refund_sum]:
            raise ValueError("the statement's trailer does not match its lines (truncated file?)")
        return lines

    # ---- theirs (the sandbox) ----------------------------------------------------------------

    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        e = event
        ok = e.state == "succeeded"
        status = "SUCCESS" if ok else "CLOSED" if e.state == "closed" else "FAIL"
        data: dict[str, object]
        if e.kind == "trade":
            msg_type = "PAY_RESULT"
            data = {"orderNo": e.out_trade_no, "txnNo": e.txn_id, "amount": e.total_fen, "status": status}
        else:
            msg_type = "REFUND_RESULT"
            data = {
                "orderNo": e.out_trade_no,
                "txnNo": e.txn_id,
                "refundNo": e.out_refund_no,
                "refundTxnNo": e.refund_id,
                "refundAmount": e.refund_fen,
                "status": status,
            }
        if ok:
            data["finishTime"] = local_text(e.at, TIME)
        else:
            data["errMsg"] = e.failure_reason or status
        fields = {
            "version": "1.0",
            "msgType": msg_type,
            "notifyId": e.notify_id,
            "notifyTime": local_text(clock.now(), TIME),
            "merchantNo": self.material.merchant_id,
            "certSn": self.material.platform_key_id,
            "signType": "SM2",
            "encType": "SM4",
            "encData": sm4_cbc_encrypt(self.data_key, msgspec.json.encode(data)),
        }
        fields["sign"] = await sm2.sign_async(
            self.material.platform_private,
            sorted_pairs(fields, skip=("sign",)).encode(),
            public_key=self.material.platform_public,
        )
        return {"Content-Type": "application/json"}, msgspec.json.encode(fields)

    def accepted(self, status: int, body: bytes) -> bool:
        if status != 200:
            return False
        try:
            answer = msgspec.json.decode(body)
        except msgspec.DecodeError:
            return False
        return isinstance(answer, dict) and answer.get("returnCode") == "SUCCESS"

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes:
        out = [f"H|{self.material.merchant_id}|{day:%Y%m%d}|{len(rows)}"]
        pays = refunds = pay_sum = refund_sum = 0
        for r in rows:
            if r.kind == "payment":
                pays, pay_sum = pays + 1, pay_sum + r.total_fen
                out.append(f"D|PAY|{r.out_trade_no}||{r.txn_id}||{r.total_fen}|{local_text(r.at, TIME)}")
            else:
                refunds, refund_sum = refunds + 1, refund_sum + r.refund_fen
                out.append(
                    f"D|REFUND|{r.out_trade_no}|{r.out_refund_no}|{r.txn_id}|{r.refund_id}|{r.refund_fen}|"
                    f"{local_text(r.at, TIME)}"
                )
        out.append(f"T|{pays}|{pay_sum}|{refunds}|{refund_sum}")
        return ("\n".join(out) + "\n").encode("utf-8")

    def new_prepay_id(self) -> str:
        return "ECNY" + local_text(clock.now(), "%Y%m%d") + secrets.token_hex(10).upper()

    def new_code_url(self) -> str:
        return "https://ecny-sandbox.yiqiao.local/c/" + secrets.token_urlsafe(12)

    def new_txn_id(self) -> str:
        return "DC" + local_text(clock.now(), "%Y%m%d") + digits(18)

    def new_refund_id(self) -> str:
        return "DR" + local_text(clock.now(), "%Y%m%d") + digits(18)

    def new_notify_id(self) -> str:
        return "N" + local_text(clock.now(), "%Y%m%d%H%M%S") + digits(10)
