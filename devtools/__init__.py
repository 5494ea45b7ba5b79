"""Developer tooling: local PostgreSQL/Redis/Mosquitto processes (``services``), ``make dev`` (``dev``).

Not part of the product: nothing under ``backend/`` or the apps imports it. ``tests/conftest.py`` and
the Makefile do.
"""
