from piccolo.columns import JSONB, BigSerial, SmallInt, Timestamptz, Varchar
from piccolo.table import Table


class AuditEntry(Table, tablename="audit_entry"):
    """Append-only: a trigger refuses UPDATE and DELETE (see the migration)."""

    id = BigSerial(primary_key=True)
    chain = SmallInt(default=0)  # which of the YQ_AUDIT_CHAINS hash chains (migration 0009)
    at = Timestamptz()
    actor = Varchar(length=80)
    action = Varchar(length=64)
    entity = Varchar(length=48)
    entity_id = Varchar(length=64)
    institution_id = Varchar(length=36, default="")
    detail = JSONB(default={})
    prev_hash = Varchar(length=64)
    hash = Varchar(length=64)
