"""Shared test helpers. Importing this package never imports ``yiqiao``.

Fixtures (from ``tests/conftest.py``, no import needed):
    services      -> TestServices: database_url, redis_url, mqtt_url, mqtt_host, mqtt_port,
                     gateway_username/password, admin_database_url, dir, env, and the process
                     handles postgres / redis / mosquitto (stop(), kill(), restart(); mosquitto
                     also reload()), restart_mosquitto(), reload_broker_files().
Helpers (``from tests.support import ...``):
    run_bff(module, port=None)  -> context manager; a BFF under uvicorn, ready on /health
    run_gateway(), run_worker(), run_simulator(devices=4), run_process(name, argv, ...)
    run_cli(*args)              -> run `yiqiao <args>` with the test environment
    free_port()
"""

from devtools.services import free_port
from tests.support.procs import (
    RunningProcess,
    http_ready,
    log_ready,
    run_bff,
    run_gateway,
    run_process,
    run_simulator,
    run_worker,
)
from tests.support.stack import TestServices, run_cli, venv_bin

__all__ = [
    "RunningProcess",
    "TestServices",
    "free_port",
    "http_ready",
    "log_ready",
    "run_bff",
    "run_cli",
    "run_gateway",
    "run_process",
    "run_simulator",
    "run_worker",
    "venv_bin",
]
