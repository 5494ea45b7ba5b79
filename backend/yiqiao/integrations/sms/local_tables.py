from piccolo.columns import UUID, Bytea, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class LocalSmsMessage(Table, tablename="local_sms_message"):
    """The local SMS gateway's own record of what it 'sent' (the carrier's side, not ours)."""

    id = UUID(primary_key=True)
    phone_bidx = Varchar(length=64, index=True)
    phone_enc = Bytea()
    template = Varchar(length=32)
    text_enc = Bytea()
    dedupe_key = Varchar(length=160, unique=True)
    sent_at = Timestamptz(default=TimestamptzNow())
    status = Text(default="delivered")
