from piccolo.columns import JSONB, UUID, Array, Boolean, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Notice(Table, tablename="notice"):
    id = UUID(primary_key=True)
    account_id = UUID(index=True)
    patient_id = UUID(null=True, default=None)
    category = Varchar(length=24)
    title = Varchar(length=128)
    body = Text()
    data = JSONB(default={})
    dedupe_key = Varchar(length=160, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    read_at = Timestamptz(null=True, default=None)


class NoticePreference(Table, tablename="notice_preference"):
    """A row exists only where the account changed the default for a category."""

    id = UUID(primary_key=True)
    account_id = UUID(index=True)
    category = Varchar(length=24)
    enabled = Boolean(default=True)
    channels = Array(base_column=Varchar(length=8))
    updated_at = Timestamptz(default=TimestamptzNow())
