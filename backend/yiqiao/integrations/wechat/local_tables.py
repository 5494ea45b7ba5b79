from piccolo.columns import JSONB, UUID, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class LocalWeChatMessage(Table, tablename="local_wechat_message"):
    id = UUID(primary_key=True)
    openid = Varchar(length=64, index=True)
    template_id = Varchar(length=64)
    data = JSONB()
    dedupe_key = Varchar(length=160, unique=True)
    sent_at = Timestamptz(default=TimestamptzNow())
