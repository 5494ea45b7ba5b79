"""Clinic day: the queue of checked-in patients per doctor session (ordering data only: the state
stays in ``appointment.status``), the room a session is held in, campus geofences for online
check-in, and the ``passed`` (过号) status counted as an active booking."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T04:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "clinic day: queue entries, session rooms, campus geofences, passed bookings stay active"

FORWARDS = """
-- One row per checked-in booking. Order: lane (0 priority, 1 normal), then sort_at, then seq.
CREATE SEQUENCE queue_seq;
CREATE TABLE queue_entry (
  appointment_id  uuid        PRIMARY KEY REFERENCES appointment (id),
  schedule_id     uuid        NOT NULL REFERENCES schedule (id),
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  institution_id  uuid        NOT NULL,
  department_id   uuid        NOT NULL,
  doctor_id       uuid        NOT NULL,
  ticket_no       integer     NOT NULL CHECK (ticket_no > 0),
  lane            smallint    NOT NULL CHECK (lane IN (0, 1)),
  priority_reason text        NOT NULL DEFAULT '',
  sort_at         timestamptz NOT NULL,
  -- numeric, so a patient put back between two others gets a seq between theirs
  seq             numeric     NOT NULL DEFAULT nextval('queue_seq'),
  checked_in_via  text        NOT NULL CHECK (checked_in_via IN ('online', 'kiosk', 'desk')),
  checked_in_at   timestamptz NOT NULL,
  called_at       timestamptz NULL,
  call_count      integer     NOT NULL DEFAULT 0,
  passed_at       timestamptz NULL,
  rejoined_at     timestamptz NULL,
  finished_at     timestamptz NULL,
  CONSTRAINT queue_entry_ticket_once UNIQUE (schedule_id, ticket_no)
);
CREATE INDEX queue_entry_order ON queue_entry (schedule_id, lane, sort_at, seq);
CREATE INDEX queue_entry_patient ON queue_entry (patient_id, checked_in_at DESC);

-- The consulting room a session is held in (shown on call boards), set by the doctor or a nurse.
CREATE TABLE queue_room (
  schedule_id     uuid        PRIMARY KEY REFERENCES schedule (id),
  room            text        NOT NULL,
  set_by          text        NOT NULL,
  set_at          timestamptz NOT NULL DEFAULT now()
);

-- Online check-in must happen within radius_m of the campus when its institution has a row here.
CREATE TABLE campus_geofence (
  institution_id  uuid             PRIMARY KEY REFERENCES institution (id),
  lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon             double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  radius_m        integer          NOT NULL CHECK (radius_m BETWEEN 50 AND 20000),
  updated_at      timestamptz      NOT NULL DEFAULT now()
);

-- A patient who missed their call (过号) still holds the booking: one active booking per session.
DROP INDEX appointment_one_active;
CREATE UNIQUE INDEX appointment_one_active ON appointment (patient_id, doctor_id, day, session)
  WHERE status IN ('held', 'confirmed', 'checked_in', 'called', 'passed');
"""

BACKWARDS = """
DROP INDEX appointment_one_active;
CREATE UNIQUE INDEX appointment_one_active ON appointment (patient_id, doctor_id, day, session)
  WHERE status IN ('held', 'confirmed', 'checked_in', 'called');
DROP TABLE campus_geofence;
DROP TABLE queue_room;
DROP TABLE queue_entry;
DROP SEQUENCE queue_seq;
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
