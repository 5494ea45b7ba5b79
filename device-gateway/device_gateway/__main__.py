"""``python -m device_gateway``: run the gateway until SIGTERM/SIGINT (then flush and exit).

Broker and credentials come from settings (YQ_MQTT_URL, YQ_MQTT_GATEWAY_USERNAME/PASSWORD);
the flags only tune batching and reporting (tests and benchmarks use them).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

import msgspec
from yiqiao.settings import get_settings

from device_gateway import app, config


async def _main(cfg: config.GatewayConfig) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await app.run(cfg, stop)


def main(argv: list[str] | None = None) -> None:
    base = config.from_settings()
    p = argparse.ArgumentParser(
        prog="python -m device_gateway",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--batch-rows", type=int, default=base.batch_rows, help="flush at this many rows")
    p.add_argument("--batch-ms", type=float, default=base.batch_ms, help="or after this many ms")
    p.add_argument(
        "--stats-interval",
        type=float,
        default=base.stats_interval_s,
        help="seconds between stats lines (and saves to Redis)",
    )
    p.add_argument(
        "--registry-refresh",
        type=float,
        default=base.registry_refresh_s,
        help="seconds between device registry reloads",
    )
    args = p.parse_args(argv)
    cfg = msgspec.structs.replace(
        base,
        batch_rows=args.batch_rows,
        batch_ms=args.batch_ms,
        stats_interval_s=args.stats_interval,
        registry_refresh_s=args.registry_refresh,
    )
    logging.basicConfig(
        level=get_settings().log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(_main(cfg))


if __name__ == "__main__":
    main()
