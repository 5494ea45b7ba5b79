"""Yiqiao (医桥) domain core: bounded contexts, the kit every context shares, and integrations."""

import os

# Piccolo finds its engine through this module path; set it before any table is imported.
os.environ.setdefault("PICCOLO_CONF", "yiqiao.piccolo_conf")
