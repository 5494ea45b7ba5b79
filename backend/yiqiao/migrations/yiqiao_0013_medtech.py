"""Medical-tech and treatment booking (医技预约, 治疗预约): the exam catalogue and which items
interfere, exam resources (rooms and devices) with weekly templates and one counter row per time
band, outages (equipment failure), the doctor's exam orders (检查申请), treatment series and exam
bookings. Raw SQL, like scheduling: partial unique indexes, CHECKs on the counters, sequences."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "medtech: exam catalogue, resources, bands, outages, orders, treatment series, exam bookings"

FORWARDS = """
CREATE TABLE exam_item (
  code             text        PRIMARY KEY,
  kind             text        NOT NULL CHECK (kind IN ('exam', 'treatment')),
  modality         text        NOT NULL,
  name             text        NOT NULL,
  duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  prep_notes       text        NOT NULL DEFAULT '',
  fasting          boolean     NOT NULL DEFAULT false,
  contrast         boolean     NOT NULL DEFAULT false,
  active           boolean     NOT NULL DEFAULT true,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- then_code may not start within min_gap_hours after first_code ends (order matters).
CREATE TABLE exam_interference (
  first_code      text        NOT NULL REFERENCES exam_item (code),
  then_code       text        NOT NULL REFERENCES exam_item (code),
  min_gap_hours   integer     NOT NULL CHECK (min_gap_hours > 0),
  reason          text        NOT NULL,
  PRIMARY KEY (first_code, then_code)
);

CREATE TABLE exam_resource (
  id              uuid        PRIMARY KEY,
  institution_id  uuid        NOT NULL REFERENCES institution (id),
  department_id   uuid        NOT NULL REFERENCES department (id),
  code            text        NOT NULL,
  name            text        NOT NULL,
  modality        text        NOT NULL,
  location        text        NOT NULL DEFAULT '',
  active          boolean     NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_resource_code UNIQUE (institution_id, code)
);
CREATE INDEX exam_resource_department ON exam_resource (department_id, modality);

CREATE TABLE exam_resource_template (
  id              uuid        PRIMARY KEY,
  resource_id     uuid        NOT NULL REFERENCES exam_resource (id),
  weekday         smallint    NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_local     time        NOT NULL,
  end_local       time        NOT NULL,
  band_minutes    integer     NOT NULL CHECK (band_minutes > 0),
  capacity        integer     NOT NULL CHECK (capacity >= 1),
  active          boolean     NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_template_once UNIQUE (resource_id, weekday, start_local),
  CONSTRAINT exam_template_times CHECK (end_local > start_local)
);

-- One counter row per resource and time band. Booking is one conditional UPDATE on it.
CREATE TABLE exam_band (
  id              bigserial   PRIMARY KEY,
  resource_id     uuid        NOT NULL REFERENCES exam_resource (id),
  day             date        NOT NULL,
  band_start      timestamptz NOT NULL,
  band_end        timestamptz NOT NULL,
  capacity        integer     NOT NULL CHECK (capacity >= 0),
  remaining       integer     NOT NULL,
  status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'down')),
  CONSTRAINT exam_band_once UNIQUE (resource_id, band_start),
  CONSTRAINT exam_band_never_oversold CHECK (remaining >= 0 AND remaining <= capacity),
  CONSTRAINT exam_band_times CHECK (band_end > band_start)
);
CREATE INDEX exam_band_resource_day ON exam_band (resource_id, day);

CREATE TABLE exam_resource_outage (
  id              uuid        PRIMARY KEY,
  resource_id     uuid        NOT NULL REFERENCES exam_resource (id),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  reason          text        NOT NULL,
  created_by      text        NOT NULL,
  ended_at        timestamptz NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_outage_times CHECK (ends_at > starts_at)
);
CREATE INDEX exam_outage_resource ON exam_resource_outage (resource_id, ends_at);

CREATE SEQUENCE exam_order_no_seq;

CREATE TABLE exam_order (
  id              uuid        PRIMARY KEY,
  order_no        text        NOT NULL UNIQUE,
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  item_code       text        NOT NULL REFERENCES exam_item (code),
  institution_id  uuid        NOT NULL REFERENCES institution (id),
  department_id   uuid        NOT NULL REFERENCES department (id),
  performing_department_id uuid NOT NULL REFERENCES department (id),
  ordered_by      uuid        NOT NULL REFERENCES staff (id),
  sessions_total  integer     NOT NULL DEFAULT 1 CHECK (sessions_total BETWEEN 1 AND 60),
  clinical_note   text        NOT NULL DEFAULT '',
  status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'expired')),
  status_reason   text        NOT NULL DEFAULT '',
  created_by      text        NOT NULL,
  idempotency_key text        NOT NULL,
  request_hash    text        NOT NULL,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_order_idempotency UNIQUE (created_by, idempotency_key)
);
CREATE INDEX exam_order_patient ON exam_order (patient_id, status, created_at DESC);
CREATE INDEX exam_order_open ON exam_order (expires_at) WHERE status = 'open';

CREATE SEQUENCE treatment_series_no_seq;

CREATE TABLE treatment_series (
  id              uuid        PRIMARY KEY,
  series_no       text        NOT NULL UNIQUE,
  order_id        uuid        NOT NULL REFERENCES exam_order (id),
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  account_id      uuid        NULL REFERENCES account (id),
  booked_by       text        NOT NULL,
  idempotency_key text        NOT NULL,
  request_hash    text        NOT NULL,
  resource_id     uuid        NOT NULL REFERENCES exam_resource (id),
  item_code       text        NOT NULL REFERENCES exam_item (code),
  weekdays        smallint[]  NOT NULL,
  time_local      time        NOT NULL,
  sessions        integer     NOT NULL CHECK (sessions >= 1),
  status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished', 'cancelled')),
  status_reason   text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT treatment_series_idempotency UNIQUE (booked_by, idempotency_key)
);
CREATE INDEX treatment_series_patient ON treatment_series (patient_id, created_at DESC);
CREATE INDEX treatment_series_order ON treatment_series (order_id);

CREATE SEQUENCE exam_booking_no_seq;

CREATE TABLE exam_booking (
  id              uuid        PRIMARY KEY,
  booking_no      text        NOT NULL UNIQUE,
  order_id        uuid        NOT NULL REFERENCES exam_order (id),
  patient_id      uuid        NOT NULL REFERENCES patient (id),
  account_id      uuid        NULL REFERENCES account (id),
  booked_by       text        NOT NULL,
  idempotency_key text        NULL,
  request_hash    text        NULL,
  item_code       text        NOT NULL REFERENCES exam_item (code),
  resource_id     uuid        NOT NULL REFERENCES exam_resource (id),
  band_id         bigint      NOT NULL REFERENCES exam_band (id),
  institution_id  uuid        NOT NULL,
  department_id   uuid        NOT NULL,
  day             date        NOT NULL,
  band_start      timestamptz NOT NULL,
  band_end        timestamptz NOT NULL,
  series_id       uuid        NULL REFERENCES treatment_series (id),
  session_no      integer     NULL,
  rescheduled_from uuid       NULL REFERENCES exam_booking (id),
  status          text        NOT NULL
    CHECK (status IN ('booked', 'checked_in', 'completed', 'cancelled', 'rescheduled', 'no_show')),
  status_reason   text        NOT NULL DEFAULT '',
  checked_in_via  text        NULL,
  checked_in_at   timestamptz NULL,
  completed_at    timestamptz NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_booking_session CHECK ((series_id IS NULL) = (session_no IS NULL))
);
CREATE UNIQUE INDEX exam_booking_idempotency ON exam_booking (booked_by, idempotency_key, order_id)
  WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX exam_booking_one_active ON exam_booking (order_id)
  WHERE series_id IS NULL AND status IN ('booked', 'checked_in');
CREATE UNIQUE INDEX exam_booking_session_active ON exam_booking (series_id, session_no)
  WHERE series_id IS NOT NULL AND status IN ('booked', 'checked_in');
CREATE INDEX exam_booking_patient ON exam_booking (patient_id, band_start);
CREATE INDEX exam_booking_band ON exam_booking (band_id, status);
CREATE INDEX exam_booking_order ON exam_booking (order_id);
CREATE INDEX exam_booking_series ON exam_booking (series_id, session_no) WHERE series_id IS NOT NULL;
CREATE INDEX exam_booking_due ON exam_booking (band_start) WHERE status = 'booked';
"""

BACKWARDS = """
DROP TABLE exam_booking;
DROP SEQUENCE exam_booking_no_seq;
DROP TABLE treatment_series;
DROP SEQUENCE treatment_series_no_seq;
DROP TABLE exam_order;
DROP SEQUENCE exam_order_no_seq;
DROP TABLE exam_resource_outage;
DROP TABLE exam_band;
DROP TABLE exam_resource_template;
DROP TABLE exam_resource;
DROP TABLE exam_interference;
DROP TABLE exam_item;
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
