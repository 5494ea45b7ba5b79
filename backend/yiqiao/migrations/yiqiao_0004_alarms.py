"""Alarms: rules per device kind (the defaults, seeded here) and per patient (overrides), the
alarm itself with its lifecycle state and escalation level, and when each device last sent data
(the "silent device" watch). Raw SQL, like the rest of the monitoring context
(see yiqiao/monitoring/alarms/__init__.py)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "alarms: rules per device kind and per patient, alarms with lifecycle and escalation, last data"

FORWARDS = """
CREATE TABLE alarm_rule (
  id          uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
  device_kind text             NULL,
  patient_id  uuid             NULL REFERENCES patient (id),
  rule_key    text             NOT NULL,
  kind        text             NOT NULL
              CHECK (kind IN ('threshold', 'rate', 'event', 'silent', 'time_to_empty')),
  code        text             NULL,
  event       text             NULL,
  low         double precision NULL,
  high        double precision NULL,
  delta       double precision NULL,
  window_s    integer          NULL,
  after_s     integer          NULL,
  severity    text             NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  category    text             NOT NULL
              CHECK (category IN ('physiological', 'event', 'infusion', 'technical')),
  enabled     boolean          NOT NULL DEFAULT true,
  updated_at  timestamptz      NOT NULL DEFAULT now(),
  updated_by  text             NOT NULL DEFAULT 'system',
  CONSTRAINT alarm_rule_one_scope CHECK ((device_kind IS NULL) <> (patient_id IS NULL))
);
CREATE UNIQUE INDEX alarm_rule_kind_once ON alarm_rule (device_kind, rule_key) WHERE device_kind IS NOT NULL;
CREATE UNIQUE INDEX alarm_rule_patient_once ON alarm_rule (patient_id, rule_key) WHERE patient_id IS NOT NULL;

CREATE TABLE alarm (
  id              uuid             PRIMARY KEY,
  institution_id  uuid             NOT NULL,
  department_id   uuid             NULL,
  device_id       uuid             NOT NULL REFERENCES device (id),
  device_code     text             NOT NULL,
  bed_label       text             NOT NULL DEFAULT '',
  patient_id      uuid             NULL,
  rule_key        text             NOT NULL,
  category        text             NOT NULL,
  severity        text             NOT NULL,
  state           text             NOT NULL
                  CHECK (state IN ('raised', 'acknowledged', 'escalated', 'resolved')),
  level           integer          NOT NULL DEFAULT 0,
  assignee_id     uuid             NULL,
  code            text             NULL,
  value           double precision NULL,
  unit            text             NULL,
  event           text             NULL,
  message         text             NOT NULL,
  repeats         integer          NOT NULL DEFAULT 0,
  raised_at       timestamptz      NOT NULL,
  last_at         timestamptz      NOT NULL,
  escalated_at    timestamptz      NULL,
  acknowledged_at timestamptz      NULL,
  acknowledged_by uuid             NULL,
  resolved_at     timestamptz      NULL,
  resolved_by     text             NULL,
  resolution_note text             NULL
);
-- Duplicate suppression: one open alarm per (device, rule); repeats are counted on it.
CREATE UNIQUE INDEX alarm_open_once ON alarm (device_id, rule_key) WHERE state <> 'resolved';
CREATE INDEX alarm_ward_open ON alarm (department_id, raised_at DESC) WHERE state <> 'resolved';
CREATE INDEX alarm_unacknowledged ON alarm (coalesce(escalated_at, raised_at))
  WHERE state IN ('raised', 'escalated');

CREATE TABLE alarm_device_seen (
  device_id    uuid        PRIMARY KEY REFERENCES device (id),
  last_data_at timestamptz NOT NULL
);

INSERT INTO alarm_rule (device_kind, rule_key, kind, code, event, low, high, delta, window_s, after_s,
                        severity, category)
SELECT k.kind, r.rule_key, r.rkind, r.code, r.event, r.low, r.high, r.delta, r.window_s, r.after_s,
       r.severity, r.category
FROM (VALUES
  ('threshold:MDC_PULS_RATE', 'threshold', 'MDC_PULS_RATE', NULL, 40.0, 130.0, NULL, NULL, NULL,
   'high', 'physiological', '{wearable,bp_monitor,ambulance_monitor,ecg,bed_sensor,mattress}'),
  ('rate:MDC_PULS_RATE', 'rate', 'MDC_PULS_RATE', NULL, NULL, NULL, 30.0, 60, NULL,
   'medium', 'physiological', '{wearable,ambulance_monitor,ecg,bed_sensor,mattress}'),
  ('threshold:MDC_PULS_OXIM_SAT_O2', 'threshold', 'MDC_PULS_OXIM_SAT_O2', NULL, 90.0, NULL, NULL, NULL,
   NULL, 'high', 'physiological', '{wearable,ambulance_monitor}'),
  ('threshold:MDC_PRESS_BLD_NONINV_SYS', 'threshold', 'MDC_PRESS_BLD_NONINV_SYS', NULL, 90.0, 160.0, NULL,
   NULL, NULL, 'high', 'physiological', '{bp_monitor,ambulance_monitor}'),
  ('threshold:MDC_PRESS_BLD_NONINV_DIA', 'threshold', 'MDC_PRESS_BLD_NONINV_DIA', NULL, 50.0, 100.0, NULL,
   NULL, NULL, 'medium', 'physiological', '{bp_monitor,ambulance_monitor}'),
  ('threshold:MDC_TEMP_BODY', 'threshold', 'MDC_TEMP_BODY', NULL, 35.0, 38.5, NULL, NULL, NULL,
   'medium', 'physiological', '{wearable,ambulance_monitor}'),
  ('threshold:MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD', 'threshold', 'MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD', NULL,
   3.9, 16.7, NULL, NULL, NULL, 'high', 'physiological', '{glucometer}'),
  ('threshold:MDC_RESP_RATE', 'threshold', 'MDC_RESP_RATE', NULL, 8.0, 30.0, NULL, NULL, NULL,
   'medium', 'physiological', '{bed_sensor,mattress,ambulance_monitor}'),
  ('threshold:MDC_VOL_FLUID_TBI_REMAIN', 'threshold', 'MDC_VOL_FLUID_TBI_REMAIN', NULL, 20.0, NULL, NULL,
   NULL, NULL, 'medium', 'infusion', '{infusion_pump}'),
  ('time_to_empty', 'time_to_empty', 'MDC_VOL_FLUID_TBI_REMAIN', NULL, 10.0, NULL, NULL, NULL, NULL,
   'medium', 'infusion', '{infusion_pump}'),
  ('event:occlusion', 'event', NULL, 'occlusion', NULL, NULL, NULL, NULL, NULL,
   'high', 'infusion', '{infusion_pump}'),
  ('event:infusion_complete', 'event', NULL, 'infusion_complete', NULL, NULL, NULL, NULL, NULL,
   'low', 'infusion', '{infusion_pump}'),
  ('event:fall', 'event', NULL, 'fall', NULL, NULL, NULL, NULL, NULL, 'high', 'event', '{wearable}'),
  ('event:sos', 'event', NULL, 'sos', NULL, NULL, NULL, NULL, NULL, 'high', 'event',
   '{wearable,ambulance_monitor}'),
  ('event:bed_exit', 'event', NULL, 'bed_exit', NULL, NULL, NULL, NULL, NULL, 'medium', 'event',
   '{bed_sensor,mattress}'),
  ('event:call_button', 'event', NULL, 'call_button', NULL, NULL, NULL, NULL, NULL, 'medium', 'event',
   '{call_button}'),
  ('silent', 'silent', NULL, NULL, NULL, NULL, NULL, NULL, 60, 'medium', 'technical',
   '{wearable,ambulance_monitor,ecg,bed_sensor,mattress,infusion_pump}')
) AS r(rule_key, rkind, code, event, low, high, delta, window_s, after_s, severity, category, kinds)
CROSS JOIN LATERAL unnest(r.kinds::text[]) AS k(kind);
"""

BACKWARDS = """
DROP TABLE alarm_device_seen;
DROP TABLE alarm;
DROP TABLE alarm_rule;
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
