"""Build a BFF: its routes plus the shared plumbing, its own OpenAPI document and audience."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Server
from yiqiao import db
from yiqiao.auth import revocations
from yiqiao.kit.keys import load_keys
from yiqiao.kit.redis import close_redis
from yiqiao.kit.tokens import Audience
from yiqiao.settings import get_settings

from bff_common.auth import actor_dependency
from bff_common.health import health_handler
from bff_common.openapi import document_problems, operation_id
from bff_common.problems import EXCEPTION_HANDLERS
from bff_common.realtime import ChannelsFor, realtime_handler

VERSION = "0.1.0"


@asynccontextmanager
async def _lifespan(_: Litestar) -> AsyncIterator[None]:
    load_keys(get_settings())  # fail at start, not at the first request, if keys are missing
    opened = await db.start_pool()
    revocations.start()
    try:
        yield
    finally:
        if opened:  # in-process tests share one pool between several apps
            await db.close_pool()
            await close_redis()


def create_bff(
    *,
    name: str,
    title: str,
    description: str,
    audience: Audience,
    route_handlers: Sequence[Any],
    channels_for: ChannelsFor,
) -> Litestar:
    s = get_settings()
    logging.basicConfig(level=s.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Litestar(
        route_handlers=[health_handler(name), realtime_handler(audience, channels_for), *route_handlers],
        dependencies={"actor": Provide(actor_dependency(audience))},
        exception_handlers=EXCEPTION_HANDLERS,
        request_max_body_size=s.max_body_bytes,
        lifespan=[_lifespan],
        openapi_config=OpenAPIConfig(
            title=title,
            version=VERSION,
            description=description,
            path="/schema",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
            servers=[Server(url="/")],
            components=Components(
                security_schemes={"bearer": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")}
            ),
            security=[{"bearer": []}],
            use_handler_docstrings=True,
            operation_id_creator=operation_id,
        ),
        debug=False,
    )
    document_problems(app)
    return app
