"""The one Piccolo app: every context's tables, one migration history."""

import os

from piccolo.conf.apps import AppConfig, table_finder

TABLE_MODULES = [
    "yiqiao.identity.tables",
    "yiqiao.audit.tables",
    "yiqiao.outbox.tables",
    "yiqiao.notify.tables",
    "yiqiao.monitoring.tables",
    "yiqiao.integrations.his.local_tables",
    "yiqiao.integrations.sms.local_tables",
    "yiqiao.integrations.wechat.local_tables",
    "yiqiao.integrations.push.local_tables",
]

APP_CONFIG = AppConfig(
    app_name="yiqiao",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "migrations"),
    table_classes=table_finder(modules=TABLE_MODULES, exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
