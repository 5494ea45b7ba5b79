"""Credit care (信用就医, "treat now, pay later"), both sides of the wire.

A credit platform gives each enrolled patient a credit line; it pays the hospital at once for an
authorised charge (no wallet step) and collects from the patient after the visit. A charge beyond
what is left of the line is declined.

Callback: ``POST`` JSON ``{"notifyId", "eventType", "createTime", "partnerId", "data": {...}}``
with headers ``Credit-Key-Id``, ``Credit-Timestamp`` (unix seconds), ``Credit-Nonce`` and
``Credit-Signature``: base64 SHA256withRSA by the platform over
``"{timestamp}\\n{nonce}\\n{hex sha256 of the body}\\n"``. Event types: ``CREDIT_PAY.AUTHORISED``,
``CREDIT_PAY.DECLINED``, ``CREDIT_REFUND.SUCCESS``, ``CREDIT_REFUND.FAILED``. We answer
``{"code": "0"}``; anything else is redelivered at 10 s, 1, 5, 30, 60 min.

Statement (结算明细): UTF-8 CSV, one line per authorisation or refund, amounts in fen."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Mapping

import msgspec

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
    from_rfc3339,
    int_field,
    local_text,
    lower_headers,
    nonce,
    parse_local,
    rfc3339,
    rsa_sign,
    rsa_verify,
    statement_line,
    text_field,
)
from yiqiao.kit import clock

HEADER = [
    "类型",
    "授权号",
    "商户订单号",
    "退款单号",
    "退款流水号",
    "金额(分)",
    "完成时间",
    "患者账户",
    "机构",
]
TIME = "%Y-%m-%d %H:%M:%S"


def _message(timestamp: str, nonce_: str, body: bytes) -> bytes:
    return f"{timestamp}\n{nonce_}\n{hashlib.sha256(body).hexdigest()}\n".encode()


class CreditWire(WireBase):
    name = "credit"
    retry_schedule = (10, 60, 300, 1800, 3600)

    # ---- ours -------------------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification:
        h = lower_headers(headers)
        key_id, timestamp = h.get("credit-key-id", ""), h.get("credit-timestamp", "")
        nonce_, signature = h.get("credit-nonce", ""), h.get("credit-signature", "")
        if not (key_id and timestamp and nonce_ and signature):
            raise InvalidNotification("missing_signature", "Credit-* headers missing")
        if key_id != self.material.platform_key_id:
            raise InvalidNotification("unknown_serial", key_id)
        if not rsa_verify(self.platform_public_key, _message(timestamp, nonce_, body), signature):
            raise InvalidNotification("bad_signature")
        if not timestamp.isdigit():
            raise InvalidNotification("malformed", "Credit-Timestamp")
        sent_at = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
        check_window(sent_at)
        envelope = decode_json(body)
        if envelope.get("partnerId") != self.material.merchant_id:
            raise InvalidNotification("wrong_merchant", str(envelope.get("partnerId")))
        data = envelope.get("data")
        if not isinstance(data, dict):
            raise InvalidNotification("malformed", "data")
        notify_id, event_type = text_field(envelope, "notifyId"), text_field(envelope, "eventType")
        try:
            at = from_rfc3339(data.get("finishTime"))
            if event_type.startswith("CREDIT_PAY."):
                ok = event_type == "CREDIT_PAY.AUTHORISED"
                trade = TradeStatus(
                    out_trade_no=text_field(data, "outTradeNo"),
                    state="succeeded" if ok else "failed",
                    amount_fen=int_field(data, "amount"),
                    provider_txn_id=str(data.get("authNo") or "") if ok else "",
                    paid_at=at if ok else None,
                    failure_reason="" if ok else str(data.get("reason") or "DECLINED"),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, trade=trade)
            if event_type.startswith("CREDIT_REFUND."):
                ok = event_type == "CREDIT_REFUND.SUCCESS"
                refund = RefundStatus(
                    out_refund_no=text_field(data, "outRefundNo"),
                    state="succeeded" if ok else "failed",
                    amount_fen=int_field(data, "refundAmount"),
                    provider_refund_id=str(data.get("refundNo") or ""),
                    finished_at=at if ok else None,
                    failure_reason="" if ok else str(data.get("reason") or "FAILED"),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, refund=refund)
        except ValueError as exc:
            raise InvalidNotification("malformed", str(exc)) from None
        raise InvalidNotification("malformed", f"eventType {event_type}")

    def ack(self, accepted: bool) -> Ack:
        return self.ack_json(accepted, b'{"code":"0","msg":"OK"}', b'{"code":"1","msg":"FAIL"}')

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        return {"authNo": prepay_id}

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        lines: list[StatementLine] = []
        for f in rows[1:]:
            if not f:
                continue
            at = parse_local(f[6], TIME)
            amount = int(f[5])
            if f[0] == "REFUND":
                lines.append(statement_line("refund", f[2], f[4], amount, at, f[3]))
            else:
                lines.append(statement_line("payment", f[2], f[1], amount, at))
        return lines

    # ---- theirs (the sandbox) ----------------------------------------------------------------

    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        e = event
        ok = e.state == "succeeded"
        data: dict[str, object]
        if e.kind == "trade":
            event_type = "CREDIT_PAY.AUTHORISED" if ok else "CREDIT_PAY.DECLINED"
            data = {"outTradeNo": e.out_trade_no, "authNo": e.txn_id, "amount": e.total_fen}
        else:
            event_type = "CREDIT_REFUND.SUCCESS" if ok else "CREDIT_REFUND.FAILED"
            data = {
                "outTradeNo": e.out_trade_no,
                "authNo": e.txn_id,
                "outRefundNo": e.out_refund_no,
                "refundNo": e.refund_id,
                "refundAmount": e.refund_fen,
            }
        data["finishTime"] = rfc3339(e.at) if ok else ""
        if not ok:
            data["reason"] = e.failure_reason or "DECLINED"
        body = msgspec.json.encode(
            {
                "notifyId": e.notify_id,
                "eventType": event_type,
                "createTime": rfc3339(clock.now()),
                "partnerId": self.material.merchant_id,
                "data": data,
            }
        )
        ts, n = str(int(clock.now().timestamp())), nonce(24)
        headers = {
            "Content-Type": "application/json",
            "Credit-Key-Id": self.material.platform_key_id,
            "Credit-Timestamp": ts,
            "Credit-Nonce": n,
            "Credit-Signature": rsa_sign(self.platform_private_key, _message(ts, n, body)),
        }
        return headers, body

    def accepted(self, status: int, body: bytes) -> bool:
        if status != 200:
            return False
        try:
            answer = msgspec.json.decode(body)
        except msgspec.DecodeError:
            return False
        return isinstance(answer, dict) and answer.get("code") == "0"

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            if r.kind == "payment":
                w.writerow(["PAY", r.txn_id, r.out_trade_no, "", "", r.total_fen, local_text(r.at, TIME),
                            r.payer_ref, r.merchant_ref])  # fmt: skip
            else:
                w.writerow(["REFUND", r.txn_id, r.out_trade_no, r.out_refund_no, r.refund_id, r.refund_fen,
                            local_text(r.at, TIME), r.payer_ref, r.merchant_ref])  # fmt: skip
        return out.getvalue().encode("utf-8")

    def new_prepay_id(self) -> str:
        return "CA" + local_text(clock.now(), "%Y%m%d") + digits(14)

    def new_code_url(self) -> str:
        return "https://credit-sandbox.yiqiao.local/auth/" + secrets.token_urlsafe(12)

    def new_txn_id(self) -> str:
        return "CP" + local_text(clock.now(), "%Y%m%d") + digits(16)

    def new_refund_id(self) -> str:
        return "CR" + local_text(clock.now(), "%Y%m%d") + digits(16)

    def new_notify_id(self) -> str:
        return "CN" + local_text(clock.now(), "%Y%m%d%H%M%S") + digits(8)
