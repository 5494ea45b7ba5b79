"""Make a BFF's OpenAPI document tell the truth about errors, sign-in and operation names.

Litestar documents only a generic 400 with its own ``{status_code, detail, extra}`` body, which
our exception handlers never send (they answer RFC 9457 problem+json, see ``problems.py``), and
it drops ``security: []`` from public handlers, so sign-in looked as if it needed a token.
``document_problems`` runs once, right after the app is built, on the document the app serves.
``operation_id`` names operations after their handlers (``loginSms``), which is what the SDKs
call them (``api.auth.login_sms`` in Python).
"""

from __future__ import annotations

from typing import Any

from litestar import HttpMethod as Method
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.routes import HTTPRoute

from bff_common.problems import MEDIA_TYPE

_STR = Schema(type=OpenAPIType.STRING)

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    title="Problem",
    description="RFC 9457 problem details. `code` is stable and machine-readable; `detail` is a "
    "message a person can act on.",
    required=["type", "title", "status", "code", "detail", "instance"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, description="https://yiqiao.dev/problems/<code>"),
        "title": _STR,
        "status": Schema(type=OpenAPIType.INTEGER),
        "code": Schema(type=OpenAPIType.STRING, examples=["validation_failed"]),
        "detail": _STR,
        "instance": Schema(type=OpenAPIType.STRING, description="The request path"),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Reference(ref="#/components/schemas/FieldError"),
            description="Per-field errors (validation_failed, unknown_field)",
        ),
        "retry_after_s": Schema(type=OpenAPIType.INTEGER, description="Also sent as Retry-After"),
        "reference": Schema(type=OpenAPIType.STRING, description="Quote this to support (500)"),
    },
)
FIELD_ERROR = Schema(
    type=OpenAPIType.OBJECT,
    title="FieldError",
    required=["message"],
    properties={"key": _STR, "message": _STR, "source": _STR},
)
_DESCRIPTIONS = {
    "400": "Malformed JSON or invalid fields (code: malformed_json, validation_failed, unknown_field)",
    "401": "Not signed in, or the token or code is invalid or expired",
    "403": "Signed in, but not allowed to do this",
    "404": "Not found (or not yours)",
    "409": "Conflicts with the current state",
    "422": "Well-formed but not acceptable (a business rule says no)",
    "429": "Too many attempts; retry after retry_after_s",
}


def operation_id(handler: HTTPRouteHandler, method: Method | str, _: list[Any]) -> str:
    """``login_sms`` -> ``loginSms`` (Litestar refuses duplicates within one document)."""
    head, *rest = handler.handler_name.split("_")
    name = head + "".join(word.title() for word in rest)
    return name if len(handler.http_methods) == 1 else method.lower() + name[:1].upper() + name[1:]


def _problem(status: str) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=_DESCRIPTIONS[status],
        content={MEDIA_TYPE: OpenAPIMediaType(schema=Reference(ref="#/components/schemas/Problem"))},
    )


def document_problems(app: Litestar) -> None:
    openapi = app.openapi_schema  # built now, once; the app serves this very object
    public = {
        (route.path_format or "/", method.lower())
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        if handler.security == []
        for method in handler.http_methods
    }
    assert openapi.components is not None
    schemas = openapi.components.schemas = dict(openapi.components.schemas or {})
    schemas["Problem"] = PROBLEM
    schemas["FieldError"] = FIELD_ERROR
    for path, item in (openapi.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            op: Operation | None = getattr(item, method)
            if op is None:
                continue
            is_public = (path, method) in public
            params = op.parameters or []
            has_body = op.request_body is not None
            statuses: set[str] = set()
            if params or has_body:
                statuses.add("400")
            if is_public:
                op.security = []
                if has_body:  # sign-in, codes, refresh: wrong or used code, too many attempts
                    statuses |= {"401", "429"}
            else:
                statuses |= {"401", "403"}
            if any(getattr(p, "param_in", None) == "path" for p in params):
                statuses.add("404")
            if has_body:
                statuses |= {"409", "422"}
            responses = dict(op.responses or {})
            for status in statuses:
                if status not in responses or status == "400":  # Litestar's 400 has the wrong body
                    responses[status] = _problem(status)
            op.responses = responses
