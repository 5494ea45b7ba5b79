"""Monitoring: the partitioned ``reading`` time series, device events and status, which patient
a device is assigned to, and the gateway's dead letters. Raw SQL: Piccolo cannot declare a
partitioned table (see yiqiao/monitoring/tables.py)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "monitoring: reading (partitioned by month), device events/status/assignment, dead letters"

FORWARDS = """
CREATE TABLE reading (
  device_id     uuid             NOT NULL,
  seq           bigint           NOT NULL,
  measured_at   timestamptz      NOT NULL,
  received_at   timestamptz      NOT NULL DEFAULT now(),
  code          text             NOT NULL,
  value         double precision NOT NULL,
  unit          text             NOT NULL,
  patient_id    uuid             NULL,
  department_id uuid             NULL,
  PRIMARY KEY (device_id, seq, code, measured_at)
) PARTITION BY RANGE (measured_at);
CREATE TABLE reading_default PARTITION OF reading DEFAULT;
CREATE INDEX reading_department_time ON reading (department_id, measured_at DESC);
CREATE INDEX reading_patient_time ON reading (patient_id, measured_at DESC) WHERE patient_id IS NOT NULL;

-- Creates the month's partition of ``reading`` (UTC month boundaries) unless it exists.
CREATE FUNCTION reading_ensure_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  start_at timestamptz := date_trunc('month', month)::timestamp AT TIME ZONE 'UTC';
  part text := 'reading_y' || to_char(date_trunc('month', month), 'YYYY') || 'm'
               || to_char(date_trunc('month', month), 'MM');
BEGIN
  IF to_regclass(part) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
                   part, start_at, start_at + interval '1 month');
  END IF;
  RETURN part;
END $$;

DO $$
BEGIN
  FOR i IN -2..2 LOOP
    PERFORM reading_ensure_partition(((now() AT TIME ZONE 'UTC') + make_interval(months => i))::date);
  END LOOP;
END $$;

CREATE TABLE device_event (
  id            bigserial   PRIMARY KEY,
  device_id     uuid        NOT NULL REFERENCES device (id),
  seq           bigint      NOT NULL,
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  event         text        NOT NULL,
  detail        jsonb       NOT NULL DEFAULT '{}',
  patient_id    uuid        NULL,
  department_id uuid        NULL,
  CONSTRAINT device_event_once UNIQUE (device_id, seq)
);
CREATE INDEX device_event_department_time ON device_event (department_id, occurred_at DESC);

CREATE TABLE device_status (
  device_id   uuid        PRIMARY KEY REFERENCES device (id),
  online      boolean     NOT NULL,
  battery     integer     NULL,
  firmware    text        NULL,
  rssi        integer     NULL,
  reported_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE TABLE device_assignment (
  device_id   uuid        PRIMARY KEY REFERENCES device (id),
  patient_id  uuid        NOT NULL REFERENCES patient (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  assigned_by text        NOT NULL
);
CREATE INDEX device_assignment_patient ON device_assignment (patient_id);

CREATE TABLE dead_letter (
  id          bigserial   PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  topic       text        NOT NULL,
  device_code text        NULL,
  reason      text        NOT NULL,
  detail      text        NOT NULL DEFAULT '',
  payload     bytea       NOT NULL
);
CREATE INDEX dead_letter_received ON dead_letter (received_at DESC);
"""

BACKWARDS = """
DROP TABLE dead_letter;
DROP TABLE device_assignment;
DROP TABLE device_status;
DROP TABLE device_event;
DROP TABLE reading;
DROP FUNCTION reading_ensure_partition(date);
"""


async def run_script(sql: str) -> None:
    """Run several statements at once (asyncpg's simple query protocol), inside the migration's
    transaction when Piccolo opened one."""
    from yiqiao.piccolo_conf import DB

    txn = DB.current_transaction.get()
    if txn is not None:
        await txn.connection.execute(sql)
        return
    async with DB.transaction() as t:
        await t.connection.execute(sql)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="yiqiao", description=DESCRIPTION)

    async def run() -> None:
        await run_script(FORWARDS)

    async def run_backwards() -> None:
        await run_script(BACKWARDS)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
