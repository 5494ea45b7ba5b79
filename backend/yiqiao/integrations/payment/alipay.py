"""Alipay (支付宝) open platform with RSA2 keys, both sides of the wire.

Callback (异步通知, ``notify_type=trade_status_sync``): ``POST`` of
``application/x-www-form-urlencoded; charset=utf-8`` parameters (``notify_id``, ``notify_time``,
``app_id``, ``out_trade_no``, ``trade_no``, ``trade_status``, ``total_amount`` in yuan, ...).
``sign`` is SHA256withRSA by Alipay's key, base64, over the other parameters except ``sign_type``,
sorted by name and joined as ``k=v&k=v`` (values not URL-encoded). We answer the plain text
``success``; anything else makes Alipay redeliver at 4 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h.

A refund (``alipay.trade.refund``) is answered at once; its notification carries ``out_biz_no``
(our refund number), ``refund_fee`` (all refunds of the trade so far) and ``gmt_refund``; the
sandbox adds ``send_back_fee`` (this refund), which our side needs to check the amount. A failed
payment (the sandbox's ``insufficient balance``) is notified as ``TRADE_CLOSED`` with ``sub_code``.

Statement (账单, ``bill_type=trade``): a zip holding ``<pid>_<yyyymmdd>_业务明细.csv`` in GBK, with
``#`` comment lines around the detail table; refunds are lines of business type ``退款`` with a
negative amount."""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
import zipfile
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode

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
    digits,
    fen_from_yuan,
    local_text,
    parse_local,
    rsa_sign,
    rsa_verify,
    sorted_pairs,
    statement_line,
)
from yiqiao.kit import clock
from yiqiao.kit.money import yuan

TIME = "%Y-%m-%d %H:%M:%S"
DETAIL_HEADER = (
    "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
    "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,"
    "券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,"
    "分润（元）,备注"
).split(",")
FEE_PER_MILLE = 6


class AlipayWire(WireBase):
    name = "alipay"
    retry_schedule = (240, 600, 600, 3600, 7200, 21600, 54000)

    # ---- ours -------------------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification:
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError):
            raise InvalidNotification("malformed", "not a form body") from None
        signature = params.get("sign", "")
        if not signature:
            raise InvalidNotification("missing_signature", "no sign parameter")
        if params.get("sign_type") != "RSA2":
            raise InvalidNotification("unsupported_signature_type", params.get("sign_type", ""))
        message = sorted_pairs(params, skip=("sign", "sign_type")).encode()
        if not rsa_verify(self.platform_public_key, message, signature):
            raise InvalidNotification("bad_signature")
        if params.get("app_id") != self.material.app_id:
            raise InvalidNotification("wrong_merchant", params.get("app_id", ""))
        try:
            sent_at = parse_local(params["notify_time"], TIME)
        except (KeyError, ValueError):
            raise InvalidNotification("malformed", "notify_time") from None
        check_window(sent_at)
        try:
            notify_id = params["notify_id"]
            if params.get("out_biz_no"):
                refund = RefundStatus(
                    out_refund_no=params["out_biz_no"],
                    state="succeeded",
                    amount_fen=fen_from_yuan(params["send_back_fee"]),
                    provider_refund_id=params["trade_no"],
                    finished_at=parse_local(params["gmt_refund"][:19], TIME),
                )
                return Notification(notify_id=notify_id, sent_at=sent_at, refund=refund)
            return Notification(notify_id=notify_id, sent_at=sent_at, trade=self._trade(params))
        except (KeyError, ValueError) as exc:
            raise InvalidNotification("malformed", str(exc)) from None

    @staticmethod
    def _trade(p: dict[str, str]) -> TradeStatus:
        status = p["trade_status"]
        if status in ("TRADE_SUCCESS", "TRADE_FINISHED"):
            return TradeStatus(
                out_trade_no=p["out_trade_no"],
                state="succeeded",
                amount_fen=fen_from_yuan(p["total_amount"]),
                provider_txn_id=p["trade_no"],
                paid_at=parse_local(p["gmt_payment"], TIME),
            )
        if status == "TRADE_CLOSED":
            return TradeStatus(
                out_trade_no=p["out_trade_no"],
                state="failed" if p.get("sub_code") else "closed",
                amount_fen=fen_from_yuan(p["total_amount"]),
                failure_reason=p.get("sub_code", ""),
            )
        if status == "WAIT_BUYER_PAY":
            return TradeStatus(
                out_trade_no=p["out_trade_no"], state="pending", amount_fen=fen_from_yuan(p["total_amount"])
            )
        raise ValueError(f"trade_status {status}")

    def ack(self, accepted: bool) -> Ack:
        if accepted:
            return Ack(status_code=200, body=b"success", content_type="text/plain")
        return Ack(status_code=400, body=b"fail", content_type="text/plain")

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        if channel == "qr":
            return {}
        if channel == "mini_program":
            return {"tradeNO": prepay_id}
        # The app SDK gets the whole signed request (orderStr) that our server built.
        params = {
            "app_id": self.material.app_id,
            "method": "alipay.trade.app.pay",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "timestamp": local_text(clock.now(), TIME),
            "version": "1.0",
            "biz_content": msgspec.json.encode(
                {
                    "out_trade_no": prepay_id,
                    "total_amount": yuan(amount_fen),
                    "subject": description,
                    "product_code": "QUICK_MSECURITY_PAY",
                }
            ).decode(),
        }
        params["sign"] = rsa_sign(self.merchant_private_key, sorted_pairs(params, skip=("sign",)).encode())
        return {"orderStr": urlencode(params)}

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = [n for n in z.namelist() if n.endswith("_业务明细.csv")]
            if not names:
                raise ValueError("no 业务明细 file in the statement")
            text = z.read(names[0]).decode("gbk")
        lines: list[StatementLine] = []
        header_seen = False
        for row in csv.reader(io.StringIO(text)):
            if not row or row[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True  # the column names
                continue
            f = [c.strip() for c in row]
            at = parse_local(f[5], TIME)
            if f[2] == "退款":
                lines.append(statement_line("refund", f[1], f[0], -fen_from_yuan(f[12]), at, f[21]))
            else:
                lines.append(statement_line("payment", f[1], f[0], fen_from_yuan(f[12]), at))
        return lines

    # ---- theirs (the sandbox) ----------------------------------------------------------------

    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        e = event
        params = {
            "notify_type": "trade_status_sync",
            "notify_id": e.notify_id,
            "notify_time": local_text(clock.now(), TIME),
            "charset": "utf-8",
            "version": "1.0",
            "sign_type": "RSA2",
            "app_id": self.material.app_id,
            "auth_app_id": self.material.app_id,
            "seller_id": self.material.merchant_id,
            "out_trade_no": e.out_trade_no,
            "subject": e.description,
            "total_amount": yuan(e.total_fen),
            "gmt_create": local_text(e.created_at, TIME),
        }
        if e.kind == "refund":
            params |= {
                "trade_no": e.txn_id,
                "buyer_id": "2088" + e.payer_ref.rjust(12, "0")[-12:] if e.payer_ref else "",
                "trade_status": "TRADE_CLOSED" if e.refunded_total_fen >= e.total_fen else "TRADE_SUCCESS",
                "out_biz_no": e.out_refund_no,
                "refund_fee": yuan(e.refunded_total_fen),
                "send_back_fee": yuan(e.refund_fen),
                "gmt_refund": local_text(e.at, TIME) + ".000",
            }
        elif e.state == "succeeded":
            params |= {
                "trade_no": e.txn_id,
                "trade_status": "TRADE_SUCCESS",
                "gmt_payment": local_text(e.at, TIME),
                "receipt_amount": yuan(e.total_fen),
                "invoice_amount": yuan(e.total_fen),
                "buyer_pay_amount": yuan(e.total_fen),
                "point_amount": "0.00",
                "fund_bill_list": msgspec.json.encode(
                    [{"amount": yuan(e.total_fen), "fundChannel": "ALIPAYACCOUNT"}]
                ).decode(),
            }
        else:
            params |= {
                "trade_status": "TRADE_CLOSED",
                "gmt_close": local_text(e.at, TIME),
                "sub_code": e.failure_reason or "ACQ.TRADE_CLOSED",
            }
        params = {k: v for k, v in params.items() if v != ""}
        params["sign"] = rsa_sign(
            self.platform_private_key, sorted_pairs(params, skip=("sign", "sign_type")).encode()
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return headers, urlencode(params).encode()

    def accepted(self, status: int, body: bytes) -> bool:
        return status == 200 and body.strip() == b"success"

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        out.write("#支付宝业务明细查询\r\n")
        out.write(f"#账号：[{self.material.merchant_id}0156]\r\n")
        end = day + dt.timedelta(days=1)
        out.write(f"#起始日期：[{day:%Y年%m月%d日} 00:00:00]   终止日期：[{end:%Y年%m月%d日} 00:00:00]\r\n")
        out.write(
            "#-----------------------------------------业务明细列表----------------------------------------\r\n"
        )
        w.writerow(DETAIL_HEADER)
        n_pay = n_refund = 0
        for r in rows:
            if r.kind == "payment":
                n_pay += 1
                fee = (r.total_fen * FEE_PER_MILLE + 500) // 1000
                kind, amount, received, batch = "交易", yuan(r.total_fen), yuan(r.total_fen), ""
            else:
                n_refund += 1
                fee = -((r.refund_fen * FEE_PER_MILLE + 500) // 1000)
                kind, amount, received, batch = (
                    "退款",
                    yuan(r.total_fen),
                    yuan(-r.refund_fen),
                    r.out_refund_no,
                )
            w.writerow(
                [
                    r.txn_id, r.out_trade_no, kind, r.description, local_text(r.created_at, TIME),
                    local_text(r.at, TIME), "", "", "", "", r.payer_ref, amount, received, "0.00", "0.00",
                    "0.00", "0.00", "0.00", "", "0.00", "0.00", batch, yuan(-fee), "0.00", r.merchant_ref,
                ]
            )  # fmt: skip
        out.write(
            "#-----------------------------------------业务明细列表结束------------------------------------\r\n"
        )
        out.write(f"#交易合计：{n_pay}笔，退款合计：{n_refund}笔\r\n")
        out.write(f"#导出时间：[{local_text(clock.now(), '%Y年%m月%d日 %H:%M:%S')}]\r\n")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                f"{self.material.merchant_id}0156_{day:%Y%m%d}_业务明细.csv",
                out.getvalue().encode("gbk", errors="replace"),
            )
        return buf.getvalue()

    def new_prepay_id(self) -> str:
        return local_text(clock.now(), "%Y%m%d") + "2200" + digits(18)

    def new_code_url(self) -> str:
        return "https://qr.alipay.com/bax0" + secrets.token_hex(10)

    def new_txn_id(self) -> str:
        return local_text(clock.now(), "%Y%m%d") + "2200" + digits(18)

    def new_refund_id(self) -> str:
        return "RF" + local_text(clock.now(), "%Y%m%d") + digits(16)

    def new_notify_id(self) -> str:
        return local_text(clock.now(), "%Y%m%d") + "00222" + secrets.token_hex(12)
