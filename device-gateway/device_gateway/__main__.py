"""``python -m device_gateway``: run the gateway until SIGTERM/SIGINT (then flush and exit)."""

from __future__ import annotations

import asyncio
import logging
import signal

from yiqiao.settings import get_settings

from device_gateway import app, config


async def _main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await app.run(config.from_settings(), stop)


def main() -> None:
    logging.basicConfig(level=get_settings().log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(_main())


if __name__ == "__main__":
    main()
