"""Audit chains: ``audit_entry.chain``. The audit log is split into independent hash chains
(``YQ_AUDIT_CHAINS``) so appends for different changes do not queue behind one lock (every booking
of the 08:00 storm did). Rows written before are chain 0, which continues their one chain unchanged.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T04:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit chains"

FORWARDS = """
ALTER TABLE audit_entry ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain >= 0);
CREATE INDEX audit_entry_chain ON audit_entry (chain, id);
"""

BACKWARDS = """
DROP INDEX audit_entry_chain;
ALTER TABLE audit_entry DROP COLUMN chain;
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
