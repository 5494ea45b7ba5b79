"""``yiqiao`` command: migrate, seed, verify the audit chain, write broker files, run the worker."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from yiqiao.settings import get_settings


async def _with_db(fn: Callable[[], Awaitable[Any]]) -> Any:
    from yiqiao import db
    from yiqiao.kit.redis import close_redis

    await db.start_pool()
    try:
        return await fn()
    finally:
        await db.close_pool()
        await close_redis()


async def migrate() -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    result = await run_forwards(app_name="yiqiao")
    if not result.success:
        raise SystemExit(f"Migrations failed: {result.message}")


def _cmd_migrate(_: argparse.Namespace) -> int:
    asyncio.run(migrate())
    print("migrations applied")
    return 0


def _cmd_seed(_: argparse.Namespace) -> int:
    from yiqiao.seed.demo import seed

    summary = asyncio.run(_with_db(seed))
    print(summary)
    return 0


def _cmd_demo_logins(_: argparse.Namespace) -> int:
    from yiqiao.seed.demo import demo_logins

    print(demo_logins())
    return 0


def _cmd_verify_audit(_: argparse.Namespace) -> int:
    from yiqiao.audit.service import verify_chain

    report = asyncio.run(_with_db(verify_chain))
    if report.ok:
        print(f"audit chain intact: {report.rows_checked} rows verified")
        return 0
    print(f"audit chain BROKEN at row {report.first_broken_id}: {report.reason}", file=sys.stderr)
    return 1


def _cmd_broker_files(args: argparse.Namespace) -> int:
    from yiqiao.monitoring.broker import write_broker_files

    asyncio.run(_with_db(lambda: write_broker_files(Path(args.dir))))
    print(f"broker password and ACL files written to {args.dir}")
    return 0


def _cmd_worker(_: argparse.Namespace) -> int:
    from arq import run_worker

    from yiqiao.worker import WorkerSettings

    # arq logs two lines per job; the outbox sweep runs every second, so keep only warnings.
    logging.getLogger("arq.worker").setLevel(logging.WARNING)
    logging.getLogger("yiqiao.worker").info("worker started: outbox sweep every second")
    run_worker(WorkerSettings)  # type: ignore[arg-type]
    return 0


def _cmd_rotate_jwt_key(_: argparse.Namespace) -> int:
    from yiqiao.kit.keys import rotate_jwt_key

    kid = rotate_jwt_key(get_settings().keys_file)
    print(f"new active JWT key id: {kid} (restart the BFFs to sign with it; old tokens stay valid)")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=get_settings().log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    parser = argparse.ArgumentParser(prog="yiqiao", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(fn=_cmd_migrate)
    sub.add_parser("seed", help="load the demo medical community (idempotent)").set_defaults(fn=_cmd_seed)
    sub.add_parser("demo-logins", help="print the demo logins").set_defaults(fn=_cmd_demo_logins)
    sub.add_parser("verify-audit", help="verify the audit hash chain").set_defaults(fn=_cmd_verify_audit)
    bf = sub.add_parser("broker-files", help="write Mosquitto passwd/acl from the device registry")
    bf.add_argument("dir")
    bf.set_defaults(fn=_cmd_broker_files)
    sub.add_parser("worker", help="run the arq worker").set_defaults(fn=_cmd_worker)
    sub.add_parser("rotate-jwt-key", help="add a new JWT signing key").set_defaults(fn=_cmd_rotate_jwt_key)
    args = parser.parse_args(argv)
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
