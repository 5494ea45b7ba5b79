"""The arq worker: delivers the outbox every second (and at once on start, so a restart picks up
whatever a crashed worker left). Later issues add reminders, timeouts and imports here."""

from __future__ import annotations

import logging
from typing import Any

from arq import cron
from arq.connections import RedisSettings

from yiqiao import db
from yiqiao.billing.service.inpatient import remind_cron as remind_low_balances
from yiqiao.billing.service.inpatient import sync_cron as sync_inpatient
from yiqiao.billing.service.insurance import sweep_insurance
from yiqiao.billing.service.invoices import sweep_invoices
from yiqiao.billing.service.reconciliation import reconcile_daily
from yiqiao.billing.service.reminders import remind_unpaid_bills
from yiqiao.billing.service.sweeps import sweep_billing
from yiqiao.integrations.payment.local.delivery import deliver_payment_callbacks
from yiqiao.kit.redis import close_redis
from yiqiao.monitoring.alarms.sweep import sweep
from yiqiao.outbox.delivery import deliver_due
from yiqiao.scheduling.medtech.service.reminders import medtech_open_bands, medtech_tick
from yiqiao.scheduling.service.release_alerts import alert_releases
from yiqiao.scheduling.service.reminders import remind_visits
from yiqiao.scheduling.sweeps import sweep_bookings
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.worker")


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    delivered = await deliver_due()
    if delivered:
        log.info("outbox: delivered %d", delivered)
    return delivered


async def sweep_alarms(ctx: dict[str, Any]) -> None:
    report = await sweep()
    if report.resumed or report.silent or report.escalated:
        log.info("alarms: %s", report)


async def startup(ctx: dict[str, Any]) -> None:
    await db.start_pool()


async def shutdown(ctx: dict[str, Any]) -> None:
    await db.close_pool()
    await close_redis()


class WorkerSettings:
    functions: list[Any] = []
    cron_jobs = [
        cron(sweep_outbox, second=set(range(60)), run_at_startup=True, unique=True, timeout=300),
        cron(
            sweep_alarms,
            second=set(range(0, 60, max(1, min(60, get_settings().alarm_sweep_s)))),
            unique=True,
            timeout=60,
        ),
        cron(sweep_bookings, second=set(range(0, 60, 10)), run_at_startup=True, unique=True, timeout=120),
        cron(remind_visits, minute=set(range(0, 60, 5)), second=30, unique=True, timeout=240),
        cron(alert_releases, second=15, run_at_startup=True, unique=True, timeout=55),
        cron(sync_inpatient, second=50, run_at_startup=True, unique=True, timeout=55),
        cron(remind_low_balances, minute={7, 37}, second=20, unique=True, timeout=600),
        cron(medtech_tick, second=45, unique=True, timeout=55),
        cron(medtech_open_bands, hour={1}, minute={20}, run_at_startup=True, unique=True, timeout=600),
        # The local payment sandboxes' callbacks (a real provider calls us by itself).
        cron(deliver_payment_callbacks, second=set(range(60)), run_at_startup=True, unique=True, timeout=120),
        cron(sweep_billing, second=set(range(5, 60, 10)), run_at_startup=True, unique=True, timeout=120),
        cron(sweep_insurance, second=set(range(7, 60, 10)), run_at_startup=True, unique=True, timeout=120),
        cron(remind_unpaid_bills, minute=set(range(2, 60, 10)), second=10, unique=True, timeout=540),
        cron(reconcile_daily, minute={40}, second=0, run_at_startup=True, unique=True, timeout=1800),
        cron(sweep_invoices, minute=set(range(1, 60, 5)), second=40, unique=True, timeout=240),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    # The sweep runs every second; keeping its results would only fill Redis.
    keep_result = 0
    max_jobs = 4
