"""Scheduling: doctor profiles for search, schedule templates, schedules (排班), per-slot counter
rows (one per time band and pool: booking decrements them atomically), appointments, waitlist,
blacklist and flagged booking patterns. Raw SQL: partial unique indexes and the booking-number
sequence are clearer here than in Piccolo columns."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T04:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "scheduling: templates, schedules, slot pools, appointments, waitlist, blacklist, flags"

FORWARDS = """
CREATE TABLE doctor_profile (
  staff_id        uuid        PRIMARY KEY REFERENCES staff (id),
  institution_id  uuid        NOT NULL REFERENCES institution (id),
  department_id   uuid        NOT NULL REFERENCES department (id),
  name            text        NOT NULL,
  title           text        NOT NULL DEFAULT '',
  pinyin          text        NOT NULL,
  initials        text        NOT NULL,
  intro           text        NOT NULL DEFAULT '',
  specialties     text        NOT NULL DEFAULT '',
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX doctor_profile_department ON doctor_profile (department_id);
CREATE INDEX doctor_profile_initials ON doctor_profile (initials text_pattern_ops);
CREATE INDEX doctor_profile_pinyin ON doctor_profile (pinyin text_pattern_ops);

CREATE TABLE schedule_template (
  id              uuid        PRIMARY KEY,
  institution_id  uuid        NOT NULL REFERENCES institution (id),
  department_id   uuid        NOT NULL REFERENCES department (id),
  doctor_id       uuid        NOT NULL REFERENCES staff (id),
  weekday         smallint    NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  session         text        NOT NULL CHECK (session IN ('morning', 'afternoon', 'evening')),
  reg_type        text        NOT NULL,
  fee_fen         integer     NOT NULL CHECK (fee_fen >= 0),
  start_local     time        NOT NULL,
  end_local       time        NOT NULL,
  band_minutes    integer     NOT NULL CHECK (band_minutes > 0),
  quotas          jsonb       NOT NULL,
  active          boolean     NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT schedule_template_once UNIQUE (doctor_id, weekday, session)
);

CREATE TABLE schedule (
  id              uuid        PRIMARY KEY,
  institution_id  uuid        NOT NULL REFERENCES institution (id),
  department_id   uuid        NOT NULL REFERENCES department (id),
  doctor_id       uuid        NOT NULL REFERENCES staff (id),
  template_id     uuid        NULL REFERENCES schedule_template (id),
  day             date        NOT NULL,
  session         text        NOT NULL CHECK (session IN ('morning', 'afternoon', 'evening')),
  reg_type        text        NOT NULL,
  fee_fen         integer     NOT NULL CHECK (fee_fen >= 0),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  band_minutes    integer     NOT NULL CHECK (band_minutes > 0),
  release_at      timestamptz NOT NULL,
  reserve_release_at timestamptz NOT NULL,
  status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'stopped')),
  stop_reason     text        NOT NULL DEFAULT '',
  stopped_at      timestamptz NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT schedule_once UNIQUE (doctor_id, day, session),
  CONSTRAINT schedule_times CHECK (ends_at > starts_at)
);
CREATE INDEX schedule_department_day ON schedule (department_id, day);
CREATE INDEX schedule_institution_day ON schedule (institution_id, day);

-- One counter row per (schedule, time band, pool). Booking is one conditional UPDATE on it.
-- pool: a channel (app, kiosk, window, phone) or a reserve (referral, primary_care, priority).
CREATE TABLE slot_pool (
  id              bigserial   PRIMARY KEY,
  schedule_id     uuid        NOT NULL REFERENCES schedule (id),
  band_start      timestamptz NOT NULL,
  band_end        timestamptz NOT NULL,
  pool            text        NOT NULL,
  capacity        integer     NOT NULL CHECK (capacity >= 0),
  remaining       integer     NOT NULL,
  CONSTRAINT slot_pool_once UNIQUE (schedule_id, band_start, pool),
  CONSTRAINT slot_pool_never_oversold CHECK (remaining >= 0 AND remaining <= capacity)
);

CREATE SEQUENCE appointment_no_seq;

CREATE TABLE appointment (
  id              uuid        PRIMARY KEY,
  booking_no      text        NOT NULL UNIQUE,
  schedule_id     uuid        NOT NULL REFERENCES schedule (id),
  slot_pool_id    bigint      NOT NULL REFERENCES slot_pool (id),
  pool            text        NOT NULL,
  channel         text        NOT NULL,
  band_start      timestamptz NOT NULL,
  band_end        timestamptz NOT NULL,
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  account_id      uuid        NULL REFERENCES account (id),
  booked_by       text        NOT NULL,
  idempotency_key text        NOT NULL,
  request_hash    text        NOT NULL,
  doctor_id       uuid        NOT NULL,
  department_id   uuid        NOT NULL,
  institution_id  uuid        NOT NULL,
  day             date        NOT NULL,
  session         text        NOT NULL,
  fee_fen         integer     NOT NULL,
  status          text        NOT NULL,
  hold_expires_at timestamptz NULL,
  waitlist_id     uuid        NULL,
  status_reason   text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT appointment_idempotency UNIQUE (booked_by, idempotency_key)
);
CREATE UNIQUE INDEX appointment_one_active ON appointment (patient_id, doctor_id, day, session)
  WHERE status IN ('held', 'confirmed', 'checked_in', 'called');
CREATE INDEX appointment_patient ON appointment (patient_id, created_at DESC);
CREATE INDEX appointment_account ON appointment (account_id, created_at DESC);
CREATE INDEX appointment_schedule ON appointment (schedule_id, status);
CREATE INDEX appointment_held ON appointment (hold_expires_at) WHERE status = 'held';

CREATE TABLE waitlist_entry (
  id              uuid        PRIMARY KEY,
  schedule_id     uuid        NOT NULL REFERENCES schedule (id),
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  account_id      uuid        NULL REFERENCES account (id),
  booked_by       text        NOT NULL,
  channel         text        NOT NULL,
  status          text        NOT NULL,
  appointment_id  uuid        NULL REFERENCES appointment (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX waitlist_one_open ON waitlist_entry (schedule_id, patient_id)
  WHERE status IN ('waiting', 'allocated');
CREATE INDEX waitlist_queue ON waitlist_entry (schedule_id, created_at) WHERE status = 'waiting';

CREATE TABLE booking_blacklist (
  id              uuid        PRIMARY KEY,
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  reason          text        NOT NULL,
  detail          text        NOT NULL DEFAULT '',
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  created_by      text        NOT NULL,
  lifted_at       timestamptz NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_blacklist_patient ON booking_blacklist (patient_id, ends_at);

CREATE TABLE booking_flag (
  id              uuid        PRIMARY KEY,
  account_id      uuid        NULL,
  patient_id      uuid        NULL,
  kind            text        NOT NULL,
  detail          jsonb       NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  reviewed_at     timestamptz NULL
);
CREATE INDEX booking_flag_open ON booking_flag (created_at DESC) WHERE reviewed_at IS NULL;
"""

BACKWARDS = """
DROP TABLE booking_flag;
DROP TABLE booking_blacklist;
DROP TABLE waitlist_entry;
DROP TABLE appointment;
DROP SEQUENCE appointment_no_seq;
DROP TABLE slot_pool;
DROP TABLE schedule;
DROP TABLE schedule_template;
DROP TABLE doctor_profile;
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
