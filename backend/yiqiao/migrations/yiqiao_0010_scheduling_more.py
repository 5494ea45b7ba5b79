"""Release alerts (放号提醒): a patient account subscribes to a doctor's releases; the worker sends
one notice per subscription and released schedule (deduped by the notice's key)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "release alert subscriptions"

FORWARDS = """
CREATE TABLE release_subscription (
  id              uuid        PRIMARY KEY,
  account_id      uuid        NOT NULL REFERENCES account (id),
  doctor_id       uuid        NOT NULL REFERENCES staff (id),
  status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX release_subscription_one_active ON release_subscription (account_id, doctor_id)
  WHERE status = 'active';
CREATE INDEX release_subscription_doctor ON release_subscription (doctor_id) WHERE status = 'active';
"""

BACKWARDS = """
DROP TABLE release_subscription;
"""


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="yiqiao", description=DESCRIPTION)

    async def run() -> None:
        await run_script(FORWARDS)

    async def run_backwards() -> None:
        await run_script(BACKWARDS)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
