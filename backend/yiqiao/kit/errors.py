"""Domain errors. Each carries a stable machine ``code`` and a message a person can act on.

The BFFs render them as RFC 9457 problem+json; the core never knows about HTTP beyond the status
number that suits each kind.
"""

from __future__ import annotations

from typing import Any, ClassVar

# Members every problem+json body has; an extra of the same name would overwrite the HTTP status
# (or the title...) with a record's field, so it is carried as ``current_<name>`` instead.
_PROBLEM_MEMBERS = ("type", "title", "status", "code", "detail", "instance")


class DomainError(Exception):
    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"

    def __init__(self, detail: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code or self.default_code
        self.extra = {(f"current_{k}" if k in _PROBLEM_MEMBERS else k): v for k, v in extra.items()}


class Invalid(DomainError):
    status = 422
    default_code = "invalid"
    title = "Invalid input"


class Unauthorized(DomainError):
    status = 401
    default_code = "unauthorized"
    title = "Not signed in"


class Forbidden(DomainError):
    status = 403
    default_code = "forbidden"
    title = "Not allowed"


class NotFound(DomainError):
    status = 404
    default_code = "not_found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    default_code = "conflict"
    title = "Conflict"


class Locked(DomainError):
    status = 423
    default_code = "locked"
    title = "Locked"


class RateLimited(DomainError):
    status = 429
    default_code = "rate_limited"
    title = "Too many requests"


class Unavailable(DomainError):
    status = 503
    default_code = "unavailable"
    title = "Service unavailable"
