"""Piccolo's engine and app registry, built from settings (found through ``PICCOLO_CONF``)."""

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

from yiqiao.settings import get_settings

DB = PostgresEngine(config={"dsn": get_settings().database_url}, log_queries=False)

APP_REGISTRY = AppRegistry(apps=["yiqiao.piccolo_app"])
