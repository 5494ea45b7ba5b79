"""Rules Piccolo's table classes cannot express: composite uniques, the append-only audit
trigger, sequences and partial indexes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "composite uniques, append-only audit, sequences"

FORWARDS = """
ALTER TABLE account_patient ADD CONSTRAINT account_patient_once UNIQUE (account, patient);
CREATE UNIQUE INDEX account_patient_one_self ON account_patient (account) WHERE relationship = 'self';
ALTER TABLE notice_preference ADD CONSTRAINT notice_preference_once UNIQUE (account_id, category);
CREATE INDEX outbox_due ON outbox_message (next_attempt_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX notice_unread ON notice (account_id, created_at DESC) WHERE read_at IS NULL;
CREATE SEQUENCE local_his_ecard_seq START 1;

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
"""

BACKWARDS = """
DROP TRIGGER audit_entry_no_truncate ON audit_entry;
DROP TRIGGER audit_entry_no_update ON audit_entry;
DROP FUNCTION audit_entry_append_only();
DROP SEQUENCE local_his_ecard_seq;
DROP INDEX notice_unread;
DROP INDEX outbox_due;
ALTER TABLE notice_preference DROP CONSTRAINT notice_preference_once;
DROP INDEX account_patient_one_self;
ALTER TABLE account_patient DROP CONSTRAINT account_patient_once;
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
