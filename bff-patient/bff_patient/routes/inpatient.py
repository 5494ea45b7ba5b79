"""Inpatient money in the app (住院): my family's stays with their balance, the daily itemised
list (每日清单, by day or period, also as a download), deposit top-ups (预交金) and their records,
paying for someone else (代缴: admission number and name, masked answer), and the discharge
settlement (出院结算) once the hospital has pre-settled the stay."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.billing.inpatient_types import (
    AdmissionView,
    DailyList,
    DepositIn,
    DepositView,
    ProxyDepositIn,
    ProxyDepositView,
    ProxyLookup,
    ProxyMatch,
    SettlementView,
)
from yiqiao.billing.service import deposits, inpatient
from yiqiao.billing.service.insurance import CLASS_WORDS
from yiqiao.billing.types import PayCommand, PaymentStart
from yiqiao.kit.money import yuan


def daily_list_csv(data: DailyList) -> bytes:
    """The list as a spreadsheet opens it (UTF-8 with a BOM, so Excel shows the Chinese)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["住院号", data.admission_no, "患者", data.patient_name_masked])
    w.writerow(
        ["期间", data.first_day.isoformat(), data.last_day.isoformat(), "合计(元)", yuan(data.total_fen)]
    )
    w.writerow([])
    w.writerow(["日期", "项目编码", "项目名称", "规格", "单位", "单价(元)", "数量", "金额(元)", "医保类别"])
    for day in data.days:
        for ln in day.lines:
            w.writerow(
                [
                    day.day.isoformat(),
                    ln.code,
                    ln.name,
                    ln.spec,
                    ln.unit,
                    yuan(ln.unit_fen),
                    ln.quantity,
                    yuan(ln.amount_fen),
                    CLASS_WORDS.get(ln.insurance_class, CLASS_WORDS["self"]),
                ]
            )
        w.writerow([day.day.isoformat(), "", "当日小计", "", "", "", "", yuan(day.total_fen), ""])
    w.writerow([])
    for c in data.by_category:
        w.writerow(["", "", c.label, "", "", "", "", yuan(c.amount_fen), ""])
    return ("\ufeff" + out.getvalue()).encode()


class InpatientController(Controller):
    path = "/inpatient"
    tags = ["inpatient"]

    @get("/admissions", summary="Stays in hospital of my profiles (or of one), with their deposit balance")
    async def list_inpatient_admissions(
        self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
    ) -> list[AdmissionView]:
        return await inpatient.list_admissions(actor, patient_id=patient_id)

    @get("/admissions/{admission_id:uuid}", summary="One stay: ward, bed, deposits, charges, balance")
    async def get_inpatient_admission(
        self, actor: CurrentActor, admission_id: FromPath[uuid.UUID]
    ) -> AdmissionView:
        return await inpatient.get_admission(actor, admission_id)

    @get(
        "/admissions/{admission_id:uuid}/charges",
        summary="每日清单: the itemised charges of one day (first_day = last_day) or a period",
    )
    async def inpatient_daily_list(
        self,
        actor: CurrentActor,
        admission_id: FromPath[uuid.UUID],
        first_day: FromQuery[dt.date | None] = None,
        last_day: FromQuery[dt.date | None] = None,
    ) -> DailyList:
        return await inpatient.daily_list(actor, admission_id, first_day=first_day, last_day=last_day)

    @get(
        "/admissions/{admission_id:uuid}/charges/download",
        summary="每日清单 as a CSV file to keep",
        media_type="text/csv",
    )
    async def download_inpatient_daily_list(
        self,
        actor: CurrentActor,
        admission_id: FromPath[uuid.UUID],
        first_day: FromQuery[dt.date | None] = None,
        last_day: FromQuery[dt.date | None] = None,
    ) -> Response[bytes]:
        data = await inpatient.daily_list(actor, admission_id, first_day=first_day, last_day=last_day)
        name = f"daily-list-{data.admission_no}-{data.first_day.isoformat()}-{data.last_day.isoformat()}.csv"
        return Response(
            daily_list_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @get(
        "/admissions/{admission_id:uuid}/deposits",
        summary="Top-up records of a stay, with who paid (others' payments masked: the 代缴 list)",
    )
    async def list_inpatient_deposits(
        self, actor: CurrentActor, admission_id: FromPath[uuid.UUID]
    ) -> list[DepositView]:
        return await deposits.deposits_of(actor, admission_id)

    @post(
        "/admissions/{admission_id:uuid}/deposits",
        status_code=HTTP_201_CREATED,
        summary="Top up the deposit (预交金) of my or a family member's stay; then pay it",
    )
    async def top_up_inpatient_deposit(
        self,
        actor: CurrentActor,
        admission_id: FromPath[uuid.UUID],
        data: JSONBody[DepositIn],
        idempotency_key: IdempotencyHeader,
    ) -> DepositView:
        return await deposits.top_up(actor, admission_id, data, idempotency_key)

    @post(
        "/deposits/{deposit_id:uuid}/pay",
        status_code=HTTP_201_CREATED,
        summary="Pay a top-up (also one made for someone else): what the wallet or QR code needs",
    )
    async def pay_inpatient_deposit(
        self,
        actor: CurrentActor,
        deposit_id: FromPath[uuid.UUID],
        data: JSONBody[PayCommand],
        idempotency_key: IdempotencyHeader,
    ) -> PaymentStart:
        return await deposits.pay_deposit(actor, deposit_id, data, idempotency_key)

    @get(
        "/admissions/{admission_id:uuid}/settlement",
        summary="出院结算: the pre-settlement, and the order to pay or the refunds of the remainder",
    )
    async def get_discharge_settlement(
        self, actor: CurrentActor, admission_id: FromPath[uuid.UUID]
    ) -> SettlementView:
        return await inpatient.settlement(actor, admission_id)

    @post(
        "/admissions/{admission_id:uuid}/settlement",
        status_code=200,
        summary="Settle a pre-settled stay: pay the difference, or have the remainder refunded",
    )
    async def settle_discharge(
        self, actor: CurrentActor, admission_id: FromPath[uuid.UUID], idempotency_key: IdempotencyHeader
    ) -> SettlementView:
        return await inpatient.settle(actor, admission_id, idempotency_key)

    @post(
        "/proxy/lookup",
        status_code=200,
        summary="代缴: find a stay by admission number and patient name (answered masked)",
    )
    async def find_stay_for_proxy_payment(
        self, actor: CurrentActor, data: JSONBody[ProxyLookup]
    ) -> ProxyMatch:
        return await deposits.proxy_lookup(actor, data)

    @post(
        "/proxy/deposits",
        status_code=HTTP_201_CREATED,
        summary="代缴: top up someone else's stay (admission number and name); then pay it",
    )
    async def top_up_deposit_for_someone_else(
        self, actor: CurrentActor, data: JSONBody[ProxyDepositIn], idempotency_key: IdempotencyHeader
    ) -> ProxyDepositView:
        return await deposits.proxy_top_up(actor, data, idempotency_key)

    @get("/proxy/deposits", summary="What I paid for others' stays")
    async def list_my_proxy_deposits(self, actor: CurrentActor) -> list[ProxyDepositView]:
        return await deposits.my_proxy_deposits(actor)

    @get("/proxy/deposits/{deposit_id:uuid}", summary="One payment I made for someone else's stay")
    async def get_my_proxy_deposit(
        self, actor: CurrentActor, deposit_id: FromPath[uuid.UUID]
    ) -> ProxyDepositView:
        return await deposits.proxy_deposit(actor, deposit_id)
