"""The broker's view of the device registry: Mosquitto's password and ACL files.

Mosquitto 2.x authenticates from a password file whose lines are ``username:$7$101$salt$hash``
(PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt, both base64 standard with padding, the same
format ``mosquitto_passwd`` writes). Each device may publish only under its own
``devices/<code>/...`` topics (``%u`` patterns); the gateway reads and writes all of them.
Send the broker SIGHUP after writing the files to make it reload them.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path

from yiqiao.identity.service import devices
from yiqiao.monitoring import topics
from yiqiao.settings import get_settings

log = logging.getLogger(__name__)

ITERATIONS = 101
SALT_BYTES = 12

# Usernames become ``%u`` in topic patterns and the first field of a ``user:hash`` line, so a
# username with a separator, a wildcard or whitespace in it would widen what the device may do.
_SAFE_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def mosquitto_hash(password: str, *, salt: bytes | None = None) -> str:
    """Hash a password the way ``mosquitto_passwd`` (2.x, default SHA512-PBKDF2) does."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, ITERATIONS)
    return f"$7${ITERATIONS}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def mosquitto_verify(hashed: str, password: str) -> bool:
    """Check a password against a ``$7$`` hash (used by tests and the seed's self-check)."""
    parts = hashed.split("$")
    if len(parts) != 5 or parts[1] != "7":
        return False
    try:
        iterations, salt, expected = int(parts[2]), base64.b64decode(parts[3]), base64.b64decode(parts[4])
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations)
    return hmac.compare_digest(digest, expected)


def is_safe_username(username: str) -> bool:
    return bool(_SAFE_USERNAME.match(username))


def acl_text(gateway_username: str) -> str:
    lines = [
        "# Written by `yiqiao broker-files`; do not edit by hand.",
        "# Every device: only its own topics (%u is the MQTT username, which is the device code).",
        *(f"pattern {access} {topic}" for access, topic in topics.DEVICE_ACL),
        "",
        "# The device gateway.",
        f"user {gateway_username}",
        f"topic readwrite {topics.PREFIX}/#",
        "topic read $SYS/#",
        "",
    ]
    return "\n".join(lines)


def passwd_text(entries: list[tuple[str, str]]) -> str:
    return "".join(f"{user}:{hashed}\n" for user, hashed in entries)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    # The broker drops privileges to its own user before reading these files.
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


async def write_broker_files(dir: Path) -> None:
    """Write ``dir/passwd`` (gateway + every active MQTT device) and ``dir/acl``, atomically."""
    s = get_settings()
    if not is_safe_username(s.mqtt_gateway_username):
        raise ValueError(f"unsafe MQTT gateway username {s.mqtt_gateway_username!r}")
    gateway_hash = await asyncio.to_thread(mosquitto_hash, s.mqtt_gateway_password)
    entries = [(s.mqtt_gateway_username, gateway_hash)]
    for code, hashed in await devices.mqtt_credentials():
        if code == s.mqtt_gateway_username or not is_safe_username(code):
            log.warning("device %r left out of the broker password file: unsafe MQTT username", code)
            continue
        entries.append((code, hashed))
    await asyncio.to_thread(dir.mkdir, parents=True, exist_ok=True)
    await asyncio.to_thread(_write_atomically, dir / "passwd", passwd_text(entries))
    await asyncio.to_thread(_write_atomically, dir / "acl", acl_text(s.mqtt_gateway_username))
    log.info("broker files written to %s: %d users", dir, len(entries))
