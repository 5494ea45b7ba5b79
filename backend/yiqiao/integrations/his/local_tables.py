from piccolo.columns import UUID, Bytea, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class LocalHisCard(Table, tablename="local_his_card"):
    """The embedded HIS's patient master index: cards issued at windows, and e-cards issued online."""

    id = UUID(primary_key=True)
    card_no = Varchar(length=32, unique=True)
    kind = Varchar(length=24)
    name_enc = Bytea()
    id_number_enc = Bytea()
    id_number_bidx = Varchar(length=64, index=True)
    institution_code = Varchar(length=32)
    created_at = Timestamptz(default=TimestamptzNow())
