"""Piccolo's engine and app registry, built from settings (found through ``PICCOLO_CONF``)."""

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

from yiqiao.settings import get_settings


class Engine(PostgresEngine):
    """Piccolo's engine without its import-time round trips: the stock engine connects while
    the module is imported (to log the server version and create the uuid-ossp extension),
    which makes merely importing an app need a reachable database. We need neither: UUIDs come
    from ``gen_random_uuid()`` or our own ids, and /health reports the database."""

    async def check_version(self) -> None:
        return None

    async def prep_database(self) -> None:
        return None


DB = Engine(config={"dsn": get_settings().database_url}, extensions=(), log_queries=False)

APP_REGISTRY = AppRegistry(apps=["yiqiao.piccolo_app"])
