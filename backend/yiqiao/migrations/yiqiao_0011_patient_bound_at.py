"""The one rule for which patient device data belongs to: the patient whose binding to the device
was open at that moment. Readings and ECG blocks are stamped with it at insert; as a SQL function
it lives in one place, and the planner inlines it."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T05:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "patient_bound_at(device, at): the patient a device was bound to at a moment"

FORWARDS = """
CREATE FUNCTION patient_bound_at(device uuid, at timestamptz) RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT b.patient_id FROM device_binding b
  WHERE b.device_id = device AND b.kind = 'patient'
    AND b.valid_from <= at AND (b.valid_to IS NULL OR b.valid_to > at)
  ORDER BY b.valid_from DESC LIMIT 1
$$;
"""

BACKWARDS = """
DROP FUNCTION patient_bound_at(uuid, timestamptz);
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
