"""WeChat Pay APIv3 (微信支付 v3), both sides of the wire.

Callback (支付结果通知 / 退款结果通知): ``POST`` of a JSON envelope ::

    {"id": "EV-...", "create_time": "2026-11-22T10:34:56+08:00", "resource_type": "encrypt-resource",
     "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
     "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                  "ciphertext": "<base64>", "associated_data": "transaction", "nonce": "<12 chars>"}}

with headers ``Wechatpay-Timestamp``, ``Wechatpay-Nonce``, ``Wechatpay-Serial`` (the platform
certificate's serial) and ``Wechatpay-Signature``: SHA256withRSA by the platform key over
``"{timestamp}\\n{nonce}\\n{body}\\n"``. The resource is AES-256-GCM under the merchant's APIv3 key.
We answer ``200 {"code": "SUCCESS"}``; anything else (we use 500 ``FAIL``) makes WeChat redeliver
at 15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min ×3, 60 min, 3 h ×3, 6 h ×2.

WeChat itself only notifies successes; the sandbox also notifies a failed payment
(``TRANSACTION.FAIL`` with ``trade_state`` ``PAYERROR``) and a failed refund (``REFUND.ABNORMAL``).

Statement (交易账单, bill_type=ALL): CSV in which every field starts with a backtick, a summary
block at the end, amounts in yuan."""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import secrets
from collections.abc import Mapping

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
    fen_from_yuan,
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
from yiqiao.kit.money import yuan

SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"
_TRADE_STATES = {
    "SUCCESS": "succeeded",
    "REFUND": "succeeded",  # paid, then (partly) refunded
    "PAYERROR": "failed",
    "CLOSED": "closed",
    "REVOKED": "closed",
    "NOTPAY": "pending",
    "USERPAYING": "pending",
}
_REFUND_STATES = {
    "SUCCESS": "succeeded",
    "ABNORMAL": "failed",
    "CLOSED": "failed",
    "PROCESSING": "processing",
}
_TRADE_TYPES = {"mini_program": "JSAPI", "app": "APP", "qr": "NATIVE"}
BILL_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
    "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
    "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
BILL_SUMMARY = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
FEE_PER_MILLE = 6  # 0.6%, the usual rate for medical merchants


class WeChatWire(WireBase):
    name = "wechat"
    retry_schedule = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600)

    # ---- ours -------------------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification:
        h = lower_headers(headers)
        timestamp = h.get("wechatpay-timestamp", "")
        nonce_ = h.get("wechatpay-nonce", "")
        serial = h.get("wechatpay-serial", "")
        signature = h.get("wechatpay-signature", "")
        if not (timestamp and nonce_ and serial and signature):
            raise InvalidNotification("missing_signature", "Wechatpay-* headers missing")
        if h.get("wechatpay-signature-type", SIGNATURE_TYPE) != SIGNATURE_TYPE:
            raise InvalidNotification("unsupported_signature_type", h["wechatpay-signature-type"])
        if serial != self.material.platform_key_id:
            raise InvalidNotification("unknown_serial", serial)
        message = timestamp.encode() + b"\n" + nonce_.encode() + b"\n" + body + b"\n"
        if not rsa_verify(self.platform_public_key, message, signature):
            raise InvalidNotification("bad_signature")
        if not timestamp.isdigit():
            raise InvalidNotification("malformed", "Wechatpay-Timestamp")
        sent_at = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
        check_window(sent_at)
        envelope = decode_json(body)
        resource = envelope.get("resource")
        if not isinstance(resource, dict) or resource.get("algorithm") != "AEAD_AES_256_GCM":
            raise InvalidNotification("undecryptable", "no AEAD_AES_256_GCM resource")
        plain = self._decrypt(resource)
        if plain.get("mchid") != self.material.merchant_id:
            raise InvalidNotification("wrong_merchant", str(plain.get("mchid")))
        notify_id = text_field(envelope, "id")
        event_type = text_field(envelope, "event_type")
        try:
            if event_type.startswith("TRANSACTION."):
                return Notification(notify_id=notify_id, sent_at=sent_at, trade=self._trade(plain))
            if event_type.startswith("REFUND."):
                return Notification(notify_id=notify_id, sent_at=sent_at, refund=self._refund(plain))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidNotification("malformed", str(exc)) from None
        raise InvalidNotification("malformed", f"event_type {event_type}")

    def _decrypt(self, resource: dict[str, object]) -> dict[str, object]:
        try:
            ciphertext = base64.b64decode(str(resource.get("ciphertext", "")), validate=True)
            plain = AESGCM(self.material.secret.encode()).decrypt(
                str(resource.get("nonce", "")).encode(),
                ciphertext,
                str(resource.get("associated_data", "")).encode(),
            )
        except (InvalidTag, ValueError, binascii.Error):
            raise InvalidNotification("undecryptable", "AES-256-GCM authentication failed") from None
        return decode_json(plain)

    def _trade(self, p: dict[str, object]) -> TradeStatus:
        amount = p["amount"]
        assert isinstance(amount, dict)
        state = _TRADE_STATES[text_field(p, "trade_state")]
        success_time = p.get("success_time")
        return TradeStatus(
            out_trade_no=text_field(p, "out_trade_no"),
            state=state,  # type: ignore[arg-type]
            amount_fen=int_field(amount, "total"),
            provider_txn_id=str(p.get("transaction_id") or ""),
            paid_at=from_rfc3339(success_time),
            failure_reason="" if state == "succeeded" else str(p.get("trade_state_desc") or ""),
        )

    def _refund(self, p: dict[str, object]) -> RefundStatus:
        amount = p["amount"]
        assert isinstance(amount, dict)
        state = _REFUND_STATES[text_field(p, "refund_status")]
        success_time = p.get("success_time")
        return RefundStatus(
            out_refund_no=text_field(p, "out_refund_no"),
            state=state,  # type: ignore[arg-type]
            amount_fen=int_field(amount, "refund"),
            provider_refund_id=str(p.get("refund_id") or ""),
            finished_at=from_rfc3339(success_time),
            failure_reason="" if state == "succeeded" else str(p.get("refund_status_desc") or ""),
        )

    def ack(self, accepted: bool) -> Ack:
        return self.ack_json(
            accepted,
            b'{"code":"SUCCESS","message":"\xe6\x88\x90\xe5\x8a\x9f"}',
            b'{"code":"FAIL","message":"\xe5\xa4\xb1\xe8\xb4\xa5"}',
        )

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        if channel == "qr":
            return {}
        ts, n = str(int(clock.now().timestamp())), nonce(32)
        appid = self.material.app_id
        if channel == "app":
            message = f"{appid}\n{ts}\n{n}\n{prepay_id}\n".encode()
            return {
                "appid": appid,
                "partnerid": self.material.merchant_id,
                "prepayid": prepay_id,
                "package": "Sign=WXPay",
                "noncestr": n,
                "timestamp": ts,
                "sign": rsa_sign(self.merchant_private_key, message),
            }
        package = f"prepay_id={prepay_id}"
        message = f"{appid}\n{ts}\n{n}\n{package}\n".encode()
        return {
            "appId": appid,
            "timeStamp": ts,
            "nonceStr": n,
            "package": package,
            "signType": "RSA",
            "paySign": rsa_sign(self.merchant_private_key, message),
        }

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        lines: list[StatementLine] = []
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        for row in rows[1:]:
            if not row or not row[0].startswith("`"):
                break  # the summary block follows the detail lines
            f = [c.removeprefix("`") for c in row]
            at = parse_local(f[0], "%Y-%m-%d %H:%M:%S")
            if f[9] == "REFUND":
                lines.append(statement_line("refund", f[6], f[14], fen_from_yuan(f[16]), at, f[15]))
            else:
                lines.append(statement_line("payment", f[6], f[5], fen_from_yuan(f[12]), at))
        return lines

    # ---- theirs (the sandbox) ----------------------------------------------------------------

    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        if event.kind == "trade":
            resource, original, event_type, summary = self._trade_resource(event)
        else:
            resource, original, event_type, summary = self._refund_resource(event)
        n12 = nonce(12)
        ciphertext = AESGCM(self.material.secret.encode()).encrypt(
            n12.encode(), msgspec.json.encode(resource), original.encode()
        )
        body = msgspec.json.encode(
            {
                "id": event.notify_id,
                "create_time": rfc3339(clock.now()),
                "resource_type": "encrypt-resource",
                "event_type": event_type,
                "summary": summary,
                "resource": {
                    "original_type": original,
                    "algorithm": "AEAD_AES_256_GCM",
                    "ciphertext": base64.b64encode(ciphertext).decode(),
                    "associated_data": original,
                    "nonce": n12,
                },
            }
        )
        ts, n = str(int(clock.now().timestamp())), nonce(32)
        signature = rsa_sign(self.platform_private_key, f"{ts}\n{n}\n".encode() + body + b"\n")
        headers = {
            "Content-Type": "application/json",
            "Wechatpay-Timestamp": ts,
            "Wechatpay-Nonce": n,
            "Wechatpay-Serial": self.material.platform_key_id,
            "Wechatpay-Signature": signature,
            "Wechatpay-Signature-Type": SIGNATURE_TYPE,
        }
        return headers, body

    def _trade_resource(self, e: CallbackEvent) -> tuple[dict[str, object], str, str, str]:
        state = {"succeeded": "SUCCESS", "failed": "PAYERROR", "closed": "CLOSED"}[e.state]
        resource: dict[str, object] = {
            "mchid": self.material.merchant_id,
            "appid": self.material.app_id,
            "out_trade_no": e.out_trade_no,
            "trade_type": _TRADE_TYPES.get(e.channel, "JSAPI"),
            "trade_state": state,
            "trade_state_desc": "支付成功" if state == "SUCCESS" else e.failure_reason or state,
            "bank_type": "OTHERS",
            "attach": "",
            "payer": {"openid": e.payer_ref},
            "amount": {
                "total": e.total_fen,
                "payer_total": e.total_fen,
                "currency": "CNY",
                "payer_currency": "CNY",
            },
        }
        if e.merchant_ref:
            resource["sub_mchid"] = e.merchant_ref
        if state == "SUCCESS":
            resource["transaction_id"] = e.txn_id
            resource["success_time"] = rfc3339(e.at)
        event_type = {"SUCCESS": "TRANSACTION.SUCCESS", "PAYERROR": "TRANSACTION.FAIL"}.get(
            state, "TRANSACTION.CLOSED"
        )
        return resource, "transaction", event_type, "支付成功" if state == "SUCCESS" else "支付失败"

    def _refund_resource(self, e: CallbackEvent) -> tuple[dict[str, object], str, str, str]:
        ok = e.state == "succeeded"
        resource: dict[str, object] = {
            "mchid": self.material.merchant_id,
            "out_trade_no": e.out_trade_no,
            "transaction_id": e.txn_id,
            "out_refund_no": e.out_refund_no,
            "refund_id": e.refund_id,
            "refund_status": "SUCCESS" if ok else "ABNORMAL",
            "user_received_account": "支付用户零钱",
            "amount": {
                "total": e.total_fen,
                "refund": e.refund_fen,
                "payer_total": e.total_fen,
                "payer_refund": e.refund_fen,
            },
        }
        if ok:
            resource["success_time"] = rfc3339(e.at)
        else:
            resource["refund_status_desc"] = e.failure_reason or "退款异常"
        return (
            resource,
            "refund",
            "REFUND.SUCCESS" if ok else "REFUND.ABNORMAL",
            "退款成功" if ok else "退款异常",
        )

    def accepted(self, status: int, body: bytes) -> bool:
        return 200 <= status < 300

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes:
        out = io.StringIO()
        out.write(BILL_HEADER + "\r\n")
        paid = refunded = fees = 0
        appid, mchid = self.material.app_id, self.material.merchant_id
        for r in rows:
            trade_type = _TRADE_TYPES.get(r.channel, "JSAPI")
            if r.kind == "payment":
                fee = (r.total_fen * FEE_PER_MILLE + 500) // 1000
                paid += r.total_fen
                fees += fee
                fields = [
                    local_text(r.at, "%Y-%m-%d %H:%M:%S"), appid, mchid, r.merchant_ref, "", r.txn_id,
                    r.out_trade_no, r.payer_ref, trade_type, "SUCCESS", "OTHERS", "CNY", yuan(r.total_fen),
                    "0.00", "0", "0", "0.00", "0.00", "", "", r.description, "", yuan(fee), "0.60%",
                    yuan(r.total_fen), "0.00", "",
                ]  # fmt: skip
            else:
                fee = -((r.refund_fen * FEE_PER_MILLE + 500) // 1000)
                refunded += r.refund_fen
                fees += fee
                fields = [
                    local_text(r.at, "%Y-%m-%d %H:%M:%S"), appid, mchid, r.merchant_ref, "", r.txn_id,
                    r.out_trade_no, r.payer_ref, trade_type, "REFUND", "OTHERS", "CNY", "0.00", "0.00",
                    r.refund_id, r.out_refund_no, yuan(r.refund_fen), "0.00", "ORIGINAL", "SUCCESS",
                    r.description, "", yuan(fee), "0.60%", "0.00", yuan(r.refund_fen), "",
                ]  # fmt: skip
            out.write(",".join("`" + f.replace(",", "，") for f in fields) + "\r\n")
        out.write(BILL_SUMMARY + "\r\n")
        totals = [str(len(rows)), yuan(paid), yuan(refunded), "0.00", yuan(fees), yuan(paid), yuan(refunded)]
        out.write(",".join("`" + t for t in totals) + "\r\n")
        return out.getvalue().encode("utf-8")

    def new_prepay_id(self) -> str:
        return "wx" + local_text(clock.now(), "%Y%m%d%H%M%S") + secrets.token_hex(11)

    def new_code_url(self) -> str:
        return "weixin://wxpay/bizpayurl?pr=" + secrets.token_urlsafe(6)

    def new_txn_id(self) -> str:
        return "4200" + local_text(clock.now(), "%Y%m%d") + digits(16)

    def new_refund_id(self) -> str:
        return "5030" + local_text(clock.now(), "%Y%m%d") + digits(17)

    def new_notify_id(self) -> str:
        return "EV-" + local_text(clock.now(), "%Y%m%d%H%M%S") + digits(7)
