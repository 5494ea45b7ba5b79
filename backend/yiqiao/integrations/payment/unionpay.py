"""UnionPay online payments (银联全渠道 / 云闪付, ACP 5.1.0 with ``signMethod=01``), both sides.

Callback (后台通知, to ``backUrl``): ``POST`` of form parameters ``version``, ``encoding``,
``certId``, ``signMethod``, ``txnType`` (``01`` 消费, ``04`` 退货), ``merId``, ``orderId``,
``txnTime``, ``txnAmt`` (fen), ``queryId``, ``respCode`` (``00`` = success), ``respMsg``, ...
``signature`` = base64 SHA256withRSA by UnionPay's signing certificate over the *hex SHA-256* of
the other parameters sorted and joined as ``k=v&k=v``; ``certId`` names the certificate. A refund
is its own transaction: ``orderId`` is our refund number, ``origQryId`` the payment's ``queryId``.

Real notifications carry no send time; the sandbox adds a signed ``notifyTime``
(``yyyyMMddHHmmss``, Beijing time) so our side can enforce the replay window, and our notification
id is ``txnType:orderId:queryId:respCode`` (a redelivery repeats it). We answer HTTP 200 ``ok``;
anything else makes UnionPay redeliver after 1, 2, 4, 8 and 16 minutes.

Statement (对账文件): fixed-width text lines, one per transaction, described by ``COLUMNS``."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode

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
    digits,
    fen_from_text,
    local_text,
    parse_local,
    rsa_sign,
    rsa_verify,
    sorted_pairs,
    statement_line,
)
from yiqiao.kit import clock

TIME = "%Y%m%d%H%M%S"
PAY, REFUND = "01", "04"
# Statement columns: (name, width). Amounts in fen, zero-padded; text left-aligned, space-padded.
COLUMNS = (
    ("txn_code", 3),  # S22 消费, S30 退货
    ("trace_no", 6),
    ("trace_time", 10),  # MMDDhhmmss, Beijing time
    ("amount", 12),
    ("query_id", 21),
    ("order_id", 40),  # orderId of this transaction (for a refund: the refund number)
    ("orig_order_id", 40),  # for a refund: the payment's orderId
    ("orig_query_id", 21),
    ("settle_date", 4),  # MMDD
    ("mer_id", 15),
)
_TXN_CODES = {"payment": "S22", "refund": "S30"}


def _digest(params: Mapping[str, str]) -> bytes:
    return hashlib.sha256(sorted_pairs(params, skip=("signature",)).encode()).hexdigest().encode()


class UnionPayWire(WireBase):
    name = "unionpay"
    retry_schedule = (60, 120, 240, 480, 960)

    # ---- ours -------------------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification:
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError):
            raise InvalidNotification("malformed", "not a form body") from None
        if not params.get("signature"):
            raise InvalidNotification("missing_signature", "no signature parameter")
        if params.get("signMethod") != "01":
            raise InvalidNotification("unsupported_signature_type", params.get("signMethod", ""))
        if params.get("certId") != self.material.platform_key_id:
            raise InvalidNotification("unknown_serial", params.get("certId", ""))
        if not rsa_verify(self.platform_public_key, _digest(params), params["signature"]):
            raise InvalidNotification("bad_signature")
        if params.get("merId") != self.material.merchant_id:
            raise InvalidNotification("wrong_merchant", params.get("merId", ""))
        try:
            sent_at = parse_local(params["notifyTime"], TIME)
        except (KeyError, ValueError):
            raise InvalidNotification("malformed", "notifyTime") from None
        check_window(sent_at)
        try:
            txn_type, ok = params["txnType"], params["respCode"] in ("00", "A6")
            notify_id = f"{txn_type}:{params['orderId']}:{params.get('queryId', '')}:{params['respCode']}"
            amount = fen_from_text(params["txnAmt"])
            finished = parse_local(params["txnTime"], TIME) if ok else None
            if txn_type == PAY:
                trade = TradeStatus(
                    out_trade_no=params["orderId"],
                    state="succeeded" if ok else "failed",
                    amount_fen=amount,
                    provider_txn_id=params.get("queryId", "") if ok else "",
                    paid_at=finished,
                    failure_reason="" if ok else f"{params['respCode']} {params.get('respMsg', '')}".strip(),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, trade=trade)
            if txn_type == REFUND:
                refund = RefundStatus(
                    out_refund_no=params["orderId"],
                    state="succeeded" if ok else "failed",
                    amount_fen=amount,
                    provider_refund_id=params.get("queryId", ""),
                    finished_at=finished,
                    failure_reason="" if ok else f"{params['respCode']} {params.get('respMsg', '')}".strip(),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, refund=refund)
        except (KeyError, ValueError) as exc:
            raise InvalidNotification("malformed", str(exc)) from None
        raise InvalidNotification("malformed", f"txnType {txn_type}")

    def ack(self, accepted: bool) -> Ack:
        if accepted:
            return Ack(status_code=200, body=b"ok", content_type="text/plain")
        return Ack(status_code=400, body=b"fail", content_type="text/plain")

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        # The app / mini-program SDK (云闪付 控件) starts from the transaction number (tn) alone.
        return {} if channel == "qr" else {"tn": prepay_id}

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        lines: list[StatementLine] = []
        for raw in data.decode("utf-8").splitlines():
            if not raw.strip():
                continue
            fields: dict[str, str] = {}
            pos = 0
            for name, width in COLUMNS:
                fields[name] = raw[pos : pos + width].strip()
                pos += width + 1
            code = fields["txn_code"]
            at = self._trace_time(fields["trace_time"])
            amount = fen_from_text(fields["amount"])
            if code == _TXN_CODES["refund"]:
                lines.append(
                    statement_line(
                        "refund", fields["orig_order_id"], fields["query_id"], amount, at, fields["order_id"]
                    )
                )
            elif code == _TXN_CODES["payment"]:
                lines.append(statement_line("payment", fields["order_id"], fields["query_id"], amount, at))
            else:
                raise ValueError(f"unknown transaction code {code!r}")
        return lines

    @staticmethod
    def _trace_time(text: str) -> dt.datetime:
        now = clock.local(clock.now())
        year = now.year if text[:4] <= now.strftime("%m%d") else now.year - 1  # MMDD has no year
        return parse_local(f"{year}{text}", "%Y%m%d%H%M%S")

    # ---- theirs (the sandbox) ----------------------------------------------------------------

    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        e = event
        ok = e.state == "succeeded"
        params = {
            "version": "5.1.0",
            "encoding": "UTF-8",
            "certId": self.material.platform_key_id,
            "signMethod": "01",
            "txnSubType": "00" if e.kind == "refund" else "01",
            "bizType": "000201",
            "accessType": "0",
            "merId": self.material.merchant_id,
            "currencyCode": "156",
            "respCode": "00" if ok else "03" if e.kind == "refund" else "61",
            "respMsg": "成功[0000000]" if ok else e.failure_reason or "交易失败",
            "notifyTime": local_text(clock.now(), TIME),
            "traceNo": e.notify_id[-6:],
            "traceTime": local_text(e.at, "%m%d%H%M%S"),
            "settleDate": local_text(e.at, "%m%d"),
        }
        if e.kind == "trade":
            params |= {
                "txnType": PAY,
                "orderId": e.out_trade_no,
                "txnTime": local_text(e.at if ok else e.created_at, TIME),
                "txnAmt": str(e.total_fen),
                "queryId": e.txn_id,
                "settleAmt": str(e.total_fen) if ok else "",
                "settleCurrencyCode": "156",
            }
        else:
            params |= {
                "txnType": REFUND,
                "orderId": e.out_refund_no,
                "origQryId": e.txn_id,
                "txnTime": local_text(e.at, TIME),
                "txnAmt": str(e.refund_fen),
                "queryId": e.refund_id,
                "settleAmt": str(e.refund_fen) if ok else "",
                "settleCurrencyCode": "156",
            }
        params = {k: v for k, v in params.items() if v != ""}
        params["signature"] = rsa_sign(self.platform_private_key, _digest(params))
        return {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}, urlencode(
            params
        ).encode()

    def accepted(self, status: int, body: bytes) -> bool:
        return status == 200

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes:
        out: list[str] = []
        mer_id = self.material.merchant_id
        for n, r in enumerate(rows, start=1):
            if r.kind == "payment":
                code, amount, query_id = _TXN_CODES["payment"], r.total_fen, r.txn_id
                order_id, orig_order_id, orig_query_id = r.out_trade_no, "", ""
            else:
                code, amount, query_id = _TXN_CODES["refund"], r.refund_fen, r.refund_id
                order_id, orig_order_id, orig_query_id = r.out_refund_no, r.out_trade_no, r.txn_id
            values = [code, f"{n:06d}", local_text(r.at, "%m%d%H%M%S"), f"{amount:012d}", query_id, order_id,
                      orig_order_id, orig_query_id, local_text(r.at, "%m%d"), mer_id]  # fmt: skip
            out.append(
                " ".join(v.ljust(width)[:width] for v, (_, width) in zip(values, COLUMNS, strict=True))
            )
        return ("\r\n".join(out) + ("\r\n" if out else "")).encode("utf-8")

    def new_prepay_id(self) -> str:
        return local_text(clock.now(), "%Y%m%d%H%M%S") + digits(7)  # tn, 21 digits

    def new_code_url(self) -> str:
        return "https://qr.95516.com/00010000/" + digits(22)

    def new_txn_id(self) -> str:
        return local_text(clock.now(), "%m%d%H%M%S") + digits(11)  # queryId, 21 digits

    def new_refund_id(self) -> str:
        return local_text(clock.now(), "%m%d%H%M%S") + digits(11)

    def new_notify_id(self) -> str:
        return secrets.token_hex(8)  # the sandbox's own; the wire id is derived (see the docstring)
