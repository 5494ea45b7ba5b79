from piccolo.columns import UUID, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class LocalPushMessage(Table, tablename="local_push_message"):
    id = UUID(primary_key=True)
    account_id = UUID(index=True)
    title = Varchar(length=128)
    body = Text()
    dedupe_key = Varchar(length=160, unique=True)
    sent_at = Timestamptz(default=TimestamptzNow())
