"""Reconciliation (对账) for administrators: each provider's daily run and every mismatch between
its statement and our ledger, with the cause; a re-run of a day after something was fixed."""

from __future__ import annotations

import datetime as dt

from bff_common.auth import CurrentActor
from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from yiqiao.billing.service import reconciliation
from yiqiao.billing.service.reconciliation import Cause, MismatchView, ReconRunView
from yiqiao.integrations.payment.base import ProviderName


class ReconciliationController(Controller):
    path = "/billing/reconciliation"
    tags = ["billing"]

    @get("/runs", summary="Reconciliation runs (one per provider and statement day), newest day first")
    async def reconciliation_runs(
        self,
        actor: CurrentActor,
        day: FromQuery[dt.date | None] = None,
        provider: FromQuery[ProviderName | None] = None,
    ) -> list[ReconRunView]:
        return await reconciliation.list_runs(actor, day=day, provider=provider)

    @get("/mismatches", summary="Mismatches between statements and our ledger, with their cause")
    async def reconciliation_mismatches(
        self,
        actor: CurrentActor,
        day: FromQuery[dt.date | None] = None,
        provider: FromQuery[ProviderName | None] = None,
        cause: FromQuery[Cause | None] = None,
    ) -> list[MismatchView]:
        return await reconciliation.list_mismatches(actor, day=day, provider=provider, cause=cause)

    @post(
        "/runs/{provider:str}/{day:date}",
        status_code=200,
        summary="Reconcile one provider's day again (after a fix); the mismatch list is replaced",
    )
    async def reconciliation_rerun(
        self, actor: CurrentActor, provider: FromPath[ProviderName], day: FromPath[dt.date]
    ) -> ReconRunView:
        return await reconciliation.rerun(actor, provider, day)
