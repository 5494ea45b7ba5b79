"""Helpers for the billing tests: patients (with family profiles), orders made through the core,
the seeded institutions, and reading the ledger. Unique data by counters, never random."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from tests.integration.scheduling_world import new_patient, patient_actor

_COUNTER = itertools.count()

__all__ = ["new_patient", "patient_actor"]


def key(label: str = "k") -> str:
    return f"{label}-{next(_COUNTER):06d}-{uuid.uuid4().hex[:8]}"


def institution(code: str = "QX-RMYY") -> uuid.UUID:
    from yiqiao.seed.demo import sid

    return sid("inst", code)


async def add_family_member(account: uuid.UUID, label: str, relationship: str = "child") -> uuid.UUID:
    """Another profile the account manages (a child, a parent)."""
    import datetime as dt

    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.kit.idcard import make_id_number

    n = next(_COUNTER)
    birth = dt.date(2010, 1, 1) + dt.timedelta(days=n % 3000)
    number = make_id_number(f"1101{20 + n // 3000:02d}", birth, f"{n % 1000:03d}")
    profile = await patients.add_profile(
        patient_actor(account),
        AddProfile(name=f"家属{label}", id_number=number, relationship=relationship),  # type: ignore[arg-type]
    )
    return profile.id


def items(*amounts: int, refundable: bool = True) -> list[Any]:
    from yiqiao.billing.types import OrderItemIn

    return [
        OrderItemIn(
            code=f"ITEM{i}",
            name=f"检查项目{i}",
            category="exam",
            unit_fen=a,
            quantity=1,
            refundable=refundable,
        )
        for i, a in enumerate(amounts, 1)
    ]


async def make_order(
    account: uuid.UUID,
    patient: uuid.UUID,
    *amounts: int,
    kind: str = "outpatient",
    idem: str | None = None,
    lines: list[Any] | None = None,
    **extra: Any,
) -> Any:
    from yiqiao.billing.service import orders
    from yiqiao.billing.types import NewOrder

    cmd = NewOrder(
        patient_id=patient,
        kind=kind,  # type: ignore[arg-type]
        title="门诊检查费",
        items=lines or items(*(amounts or (2500, 1200))),
        institution_id=institution(),
        **extra,
    )
    return await orders.create_order(patient_actor(account), cmd, idem or key("order"))


async def ledger(order_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM billing_ledger WHERE order_id = {} ORDER BY id", order_id)


async def audit_actions(entity_id: uuid.UUID) -> list[str]:
    from yiqiao import db

    rows = await db.fetch("SELECT action FROM audit_entry WHERE entity_id = {} ORDER BY id", str(entity_id))
    return [r["action"] for r in rows]


async def counts() -> dict[str, int]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT (SELECT count(*) FROM billing_order) AS orders, (SELECT count(*) FROM billing_payment)"
        " AS payments, (SELECT count(*) FROM billing_refund) AS refunds,"
        " (SELECT count(*) FROM billing_ledger) AS ledger"
    )
    return dict(rows[0])


class RecordingProvider:
    """Stands in for a provider's sandbox where a test drives the provider's answers itself (it
    then calls ``payments.apply_trade`` / ``apply_refund_status`` with what the provider would
    say). It accepts every create/close/refund and remembers what it was asked."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.created: list[Any] = []
        self.closed: list[str] = []
        self.refunds: list[Any] = []
        self.paid: dict[str, int] = {}  # out_trade_no -> amount the payer paid (close answers paid)
        self.refuse_refunds = False

    async def create(self, req: Any) -> Any:
        from yiqiao.integrations.payment.base import PaymentPayload

        self.created.append(req)
        return PaymentPayload(
            provider=self.name,  # type: ignore[arg-type]
            channel=req.channel,
            prepay_id=f"prepay-{req.out_trade_no}",
            code_url=f"weixin://wxpay/bizpayurl?pr={req.out_trade_no}" if req.channel == "qr" else "",
        )

    async def query(self, out_trade_no: str) -> Any:
        from yiqiao.integrations.payment.base import TradeStatus

        amount = self.paid.get(out_trade_no)
        if amount is None:
            req = next(r for r in self.created if r.out_trade_no == out_trade_no)
            return TradeStatus(out_trade_no=out_trade_no, state="pending", amount_fen=req.amount_fen)
        return TradeStatus(
            out_trade_no=out_trade_no,
            state="succeeded",
            amount_fen=amount,
            provider_txn_id=f"T{out_trade_no}",
        )

    async def close(self, out_trade_no: str) -> Any:
        from yiqiao.integrations.payment.base import TradeStatus

        self.closed.append(out_trade_no)
        if out_trade_no in self.paid:
            return await self.query(out_trade_no)
        req = next(r for r in self.created if r.out_trade_no == out_trade_no)
        return TradeStatus(out_trade_no=out_trade_no, state="closed", amount_fen=req.amount_fen)

    async def refund(self, req: Any) -> Any:
        from yiqiao.integrations.errors import ProviderError
        from yiqiao.integrations.payment.base import RefundStatus

        if self.refuse_refunds:
            raise ProviderError("NOT_ENOUGH", "merchant balance too low", transient=False)
        self.refunds.append(req)
        return RefundStatus(out_refund_no=req.out_refund_no, state="processing", amount_fen=req.amount_fen)

    async def query_refund(self, out_refund_no: str) -> Any:
        from yiqiao.integrations.errors import ProviderError
        from yiqiao.integrations.payment.base import RefundStatus

        req = next((r for r in self.refunds if r.out_refund_no == out_refund_no), None)
        if req is None:
            raise ProviderError("RESOURCE_NOT_EXISTS", "no such refund", transient=False)
        return RefundStatus(out_refund_no=out_refund_no, state="processing", amount_fen=req.amount_fen)


def trade(out_trade_no: str, state: str, amount: int, txn: str | None = None) -> Any:
    from yiqiao.integrations.payment.base import TradeStatus

    return TradeStatus(
        out_trade_no=out_trade_no,
        state=state,  # type: ignore[arg-type]
        amount_fen=amount,
        provider_txn_id=txn if txn is not None else (f"T{out_trade_no}" if state == "succeeded" else ""),
    )


def refund_status(out_refund_no: str, state: str, amount: int) -> Any:
    from yiqiao.integrations.payment.base import RefundStatus

    return RefundStatus(
        out_refund_no=out_refund_no,
        state=state,  # type: ignore[arg-type]
        amount_fen=amount,
        provider_refund_id=f"R{out_refund_no}" if state == "succeeded" else "",
    )


async def signed_in_patient(api: Any, label: str) -> tuple[dict[str, str], uuid.UUID, uuid.UUID]:
    """A new account with a 'self' profile, signed in to the patient BFF: (auth headers, account,
    patient). Phones 1397… are used by no other helper."""
    import datetime as dt

    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.kit.idcard import make_id_number

    from tests.integration.flows import bearer, patient_tokens

    n = next(_COUNTER)
    phone = f"1397{n:07d}"
    account = await patients.account_for_phone(phone)
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n % 15000)
    profile = await patients.add_profile(
        patient_actor(account),
        AddProfile(
            name=f"患者{label}",
            id_number=make_id_number(f"1101{40 + n // 15000:02d}", birth, f"{n % 1000:03d}"),
            relationship="self",
        ),
    )
    return bearer(await patient_tokens(api, phone)), account, profile.id
