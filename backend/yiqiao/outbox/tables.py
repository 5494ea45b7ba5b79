from piccolo.columns import JSONB, UUID, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class OutboxMessage(Table, tablename="outbox_message"):
    id = UUID(primary_key=True)
    # sms | wechat | push | pubsub | event
    channel = Varchar(length=16)
    topic = Varchar(length=64)
    # Delivering the same dedupe key twice has one effect: the insert is skipped on conflict, and
    # providers are handed the key so a retry after a crash does not send twice.
    dedupe_key = Varchar(length=160, unique=True)
    payload = JSONB()
    # pending | delivering | delivered | dead
    status = Varchar(length=12, default="pending", index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=TimestamptzNow(), index=True)
    claimed_until = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    delivered_at = Timestamptz(null=True, default=None)
