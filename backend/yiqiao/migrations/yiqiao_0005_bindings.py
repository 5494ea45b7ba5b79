"""Device bindings with history (patient, bed/ward, ambulance vehicle), ambulance vehicles and
emergency tasks, pump ↔ infusion, and device commands. Raw SQL, like the rest of monitoring (see
yiqiao/monitoring/tables.py). ``device_assignment`` becomes a view of the current patient
bindings, so anything that read it keeps working."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T04:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "monitoring: device bindings with history, vehicles, emergency tasks, infusions, commands"

FORWARDS = """
CREATE TABLE ambulance_vehicle (
  id          uuid        PRIMARY KEY,
  institution uuid        NOT NULL REFERENCES institution (id),
  plate       text        NOT NULL UNIQUE,
  call_sign   text        NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE emergency_task (
  id                     uuid        PRIMARY KEY,
  institution            uuid        NOT NULL REFERENCES institution (id),
  vehicle_id             uuid        NOT NULL REFERENCES ambulance_vehicle (id),
  status                 text        NOT NULL,
  destination_institution uuid       NOT NULL REFERENCES institution (id),
  destination_department uuid        NOT NULL REFERENCES department (id),
  patient_id             uuid        NULL REFERENCES patient (id),
  summary                text        NOT NULL DEFAULT '',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  closed_at              timestamptz NULL,
  CONSTRAINT emergency_task_status CHECK (status IN
    ('dispatched', 'onboard', 'transporting', 'arrived', 'handed_over', 'cancelled'))
);
-- One vehicle runs one task at a time (004 §3.7.5.3).
CREATE UNIQUE INDEX emergency_task_one_active_per_vehicle ON emergency_task (vehicle_id)
  WHERE status IN ('dispatched', 'onboard', 'transporting', 'arrived');
CREATE INDEX emergency_task_destination ON emergency_task (destination_department, created_at DESC);

-- Every binding of a device, open (valid_to NULL) or closed. At most one open binding per
-- device and kind, so a device is on one patient, one bed and one vehicle at a time (004 §3.7.5.4).
CREATE TABLE device_binding (
  id            bigserial   PRIMARY KEY,
  device_id     uuid        NOT NULL REFERENCES device (id),
  kind          text        NOT NULL,
  patient_id    uuid        NULL REFERENCES patient (id),
  department_id uuid        NULL REFERENCES department (id),
  bed_label     text        NOT NULL DEFAULT '',
  vehicle_id    uuid        NULL REFERENCES ambulance_vehicle (id),
  valid_from    timestamptz NOT NULL,
  valid_to      timestamptz NULL,
  bound_by      text        NOT NULL,
  unbound_by    text        NULL,
  CONSTRAINT device_binding_kind CHECK (
    (kind = 'patient' AND patient_id IS NOT NULL AND vehicle_id IS NULL)
    OR (kind = 'bed' AND department_id IS NOT NULL AND patient_id IS NULL AND vehicle_id IS NULL)
    OR (kind = 'vehicle' AND vehicle_id IS NOT NULL AND patient_id IS NULL)),
  CONSTRAINT device_binding_interval CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX device_binding_one_open ON device_binding (device_id, kind) WHERE valid_to IS NULL;
CREATE INDEX device_binding_history ON device_binding (device_id, kind, valid_from DESC);
CREATE INDEX device_binding_patient ON device_binding (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX device_binding_vehicle ON device_binding (vehicle_id) WHERE valid_to IS NULL;

INSERT INTO device_binding (device_id, kind, patient_id, valid_from, bound_by)
  SELECT device_id, 'patient', patient_id, assigned_at, assigned_by FROM device_assignment;
DROP TABLE device_assignment;
CREATE VIEW device_assignment AS
  SELECT device_id, patient_id, valid_from AS assigned_at, bound_by AS assigned_by
  FROM device_binding WHERE kind = 'patient' AND valid_to IS NULL;

-- A pump running one infusion order: bag volume and prescribed rate (001 §7.4.3 b).
CREATE TABLE infusion (
  id            uuid        PRIMARY KEY,
  device_id     uuid        NOT NULL REFERENCES device (id),
  patient_id    uuid        NOT NULL REFERENCES patient (id),
  department_id uuid        NOT NULL REFERENCES department (id),
  order_ref     text        NOT NULL DEFAULT '',
  bag_volume_ml double precision NOT NULL CHECK (bag_volume_ml > 0),
  rate_ml_h     double precision NOT NULL CHECK (rate_ml_h > 0),
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz NULL,
  started_by    text        NOT NULL,
  ended_by      text        NULL
);
CREATE UNIQUE INDEX infusion_one_running_per_pump ON infusion (device_id) WHERE ended_at IS NULL;
CREATE INDEX infusion_patient ON infusion (patient_id, started_at DESC);

CREATE TABLE device_command (
  id          uuid        PRIMARY KEY,
  device_id   uuid        NOT NULL REFERENCES device (id),
  name        text        NOT NULL,
  args        jsonb       NOT NULL DEFAULT '{}',
  status      text        NOT NULL,
  issued_by   text        NOT NULL,
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  sent_at     timestamptz NULL,
  delivered_at timestamptz NULL,
  finished_at timestamptz NULL,
  result      jsonb       NULL,
  error       text        NULL,
  CONSTRAINT device_command_status CHECK (status IN
    ('pending', 'sent', 'delivered', 'acked', 'failed', 'expired'))
);
CREATE INDEX device_command_open ON device_command (issued_at)
  WHERE status IN ('pending', 'sent', 'delivered');
CREATE INDEX device_command_device ON device_command (device_id, issued_at DESC);
"""

BACKWARDS = """
DROP TABLE device_command;
DROP TABLE infusion;
DROP VIEW device_assignment;
CREATE TABLE device_assignment (
  device_id   uuid        PRIMARY KEY REFERENCES device (id),
  patient_id  uuid        NOT NULL REFERENCES patient (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  assigned_by text        NOT NULL
);
CREATE INDEX device_assignment_patient ON device_assignment (patient_id);
INSERT INTO device_assignment (device_id, patient_id, assigned_at, assigned_by)
  SELECT device_id, patient_id, valid_from, bound_by FROM device_binding
  WHERE kind = 'patient' AND valid_to IS NULL;
DROP TABLE device_binding;
DROP TABLE emergency_task;
DROP TABLE ambulance_vehicle;
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
