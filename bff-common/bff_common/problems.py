"""Every error leaves as RFC 9457 problem+json with a stable ``code`` and a message a person can
act on. Unexpected errors are logged with their trace and answered with a plain 500 that names a
reference id, never the trace itself."""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from yiqiao.kit.errors import DomainError
from yiqiao.kit.ids import new_id

log = logging.getLogger("bff.errors")
MEDIA_TYPE = "application/problem+json"

_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthorized", "Not signed in"),
    403: ("forbidden", "Not allowed"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("body_too_large", "Request too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
    429: ("rate_limited", "Too many requests"),
}


def problem(
    status: int, code: str, title: str, detail: str, instance: str, /, **extra: Any
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {
        "type": f"https://yiqiao.dev/problems/{code}",
        "title": title,
        "status": status,
        "code": code,
        "detail": detail,
        "instance": instance,
    }
    body.update((k, v) for k, v in extra.items() if k not in body)
    headers = {}
    if "retry_after_s" in extra:
        headers["Retry-After"] = str(extra["retry_after_s"])
    return Response(content=body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def domain_error_handler(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    return problem(exc.status, exc.code, exc.title, exc.detail, request.url.path, **exc.extra)


# What a person should type, for fields whose rule is a pattern (a regex means nothing to them).
_FORMAT_HINTS = {
    "phone": "an 11-digit mainland mobile number, e.g. 13800138000",
    "code": "the 6-digit code from the SMS",
    "sms_code": "the 6-digit code from the SMS",
    "card_no": "the card number: letters and digits only",
}


def _humanise(key: str, message: str) -> str:
    if "matching regex" in message:
        field = key.rsplit(".", 1)[-1]
        hint = _FORMAT_HINTS.get(field)
        return f"has the wrong format; expected {hint}" if hint else "has the wrong format"
    return message


def _field_errors(exc: ValidationException) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    if isinstance(exc.extra, list):
        for e in exc.extra:
            if isinstance(e, dict):
                error = {k: v for k, v in e.items() if k in {"key", "message", "source"}}
                error["message"] = _humanise(str(error.get("key") or ""), str(error.get("message", "")))
                errors.append(error)
    return errors


def _is_malformed_body(exc: BaseException) -> bool:
    """True when the body could not be parsed at all (as opposed to parsed but invalid)."""
    seen: BaseException | None = exc
    for _ in range(5):
        seen = seen.__cause__ or seen.__context__ if seen else None
        if seen is None:
            return False
        if isinstance(seen, msgspec.ValidationError):
            return False
        if isinstance(seen, (msgspec.DecodeError, SerializationException)):
            return True
    return False


def validation_handler(request: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    if _is_malformed_body(exc):
        return problem(
            400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.", request.url.path
        )
    errors = _field_errors(exc)
    unknown = any("unknown field" in str(e.get("message", "")).lower() for e in errors)
    listed = "; ".join(f"{e.get('key') or 'body'}: {e.get('message')}" for e in errors)
    return problem(
        400,
        "unknown_field" if unknown else "validation_failed",
        "Invalid request",
        f"Please correct these fields: {listed}"
        if listed
        else "Some fields are missing or have the wrong type or format.",
        request.url.path,
        errors=errors,
    )


def http_error_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "Request failed"))
    if exc.status_code >= 500:
        return internal_error_handler(request, exc)
    if exc.status_code == 400 and _is_malformed_body(exc):
        return problem(
            400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.", request.url.path
        )
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail else title
    return problem(exc.status_code, code, title, detail, request.url.path)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    ref = str(new_id())
    log.exception("unhandled error %s on %s %s", ref, request.method, request.url.path, exc_info=exc)
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal_error",
        "Something went wrong",
        f"Something went wrong on our side. If it happens again, quote reference {ref}.",
        request.url.path,
        reference=ref,
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    DomainError: domain_error_handler,
    ValidationException: validation_handler,
    HTTPException: http_error_handler,
    Exception: internal_error_handler,
}
