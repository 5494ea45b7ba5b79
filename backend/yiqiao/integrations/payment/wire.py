"""What the five wire formats share: key material, the callback a provider sends (before it is
signed), RSA and amount helpers, and the base every format builds on.

Each provider module (``wechat``, ``alipay``, ``unionpay``, ``ecny``, ``credit``) is one wire format
with both of its sides:

- ours (the merchant): ``verify`` a callback exactly as received, ``ack`` it the way the provider
  expects, ``parse_statement``, and sign the parameters the client SDK hands to the wallet;
- theirs (the provider, played by the local sandbox): ``encode`` a callback (sign, encrypt),
  judge our answer (``accepted``), ``format_statement``, and make ids that look like theirs.

Our side uses only the provider's *public* key (WeChat's platform certificate, Alipay's public key,
UnionPay's signing certificate by ``certId``, the e-CNY operator's SM2 key by ``certSn``) and the
secrets both parties hold (WeChat's APIv3 key, the e-CNY data key); the sandbox side uses the
provider's private key. A real vendor integration keeps ``verify``/``ack``/``parse_statement`` and
gets its keys from configuration instead of the sandbox."""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from collections.abc import Mapping
from functools import cached_property
from typing import Literal, Protocol

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from yiqiao.integrations.payment.base import (
    Ack,
    Channel,
    InvalidNotification,
    Notification,
    ProviderName,
    StatementLine,
)
from yiqiao.kit import clock
from yiqiao.settings import get_settings

SHANGHAI = clock.SHANGHAI
_YUAN = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,2})?")


class KeyMaterial(msgspec.Struct, frozen=True, kw_only=True):
    """One provider's keys and merchant ids, as the sandbox generated them (``local.keys``).

    ``platform_*``: the provider's signing key (RSA PEM, or SM2 hex for e-CNY) and its id (WeChat
    platform certificate serial, UnionPay ``certId``, e-CNY ``certSn``, credit key id; Alipay has
    none). ``merchant_*``: our key, which signs what we send (the client's pay parameters).
    ``secret``: shared by both parties (WeChat APIv3 key, e-CNY SM4 data key in hex)."""

    provider: ProviderName
    merchant_id: str
    app_id: str = ""
    platform_key_id: str = ""
    platform_private: str
    platform_public: str
    merchant_key_id: str = ""
    merchant_private: str
    merchant_public: str
    secret: str = ""

    def __repr__(self) -> str:
        return f"KeyMaterial({self.provider}, merchant {self.merchant_id}, key {self.platform_key_id!r})"


class CallbackEvent(msgspec.Struct, frozen=True, kw_only=True):
    """A callback the provider will send, before it is signed. The sandbox stores it in its queue
    and encodes it afresh for every delivery attempt (a redelivery repeats ``notify_id`` with a new
    signature timestamp, as the real services do)."""

    kind: Literal["trade", "refund"]
    notify_id: str
    out_trade_no: str
    txn_id: str = ""
    channel: Channel = "mini_program"
    total_fen: int  # the trade's amount
    state: str  # trade: succeeded | failed | closed; refund: succeeded | failed
    at: dt.datetime  # when it succeeded / failed
    created_at: dt.datetime  # when the trade was placed
    failure_reason: str = ""
    payer_ref: str = ""
    description: str = ""
    merchant_ref: str = ""
    out_refund_no: str = ""
    refund_id: str = ""
    refund_fen: int = 0
    refunded_total_fen: int = 0  # all refunds of the trade so far, this one included


class StatementRow(msgspec.Struct, frozen=True, kw_only=True):
    """One row the sandbox puts in a statement (the provider's own records)."""

    kind: Literal["payment", "refund"]
    at: dt.datetime
    out_trade_no: str
    txn_id: str
    total_fen: int
    created_at: dt.datetime
    description: str = ""
    channel: str = ""
    payer_ref: str = ""
    merchant_ref: str = ""
    out_refund_no: str = ""
    refund_id: str = ""
    refund_fen: int = 0


# ---------------------------------------------------------------------------------------------
# helpers


def lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def fen_from_yuan(text: str) -> int:
    """'123.45' -> 12345; refuses anything that is not a plain amount with at most two decimals."""
    if not isinstance(text, str) or not _YUAN.fullmatch(text):
        raise ValueError(f"not an amount in yuan with at most two decimals: {text!r}")
    whole, _, cents = text.lstrip("-").partition(".")
    fen = int(whole) * 100 + int(cents.ljust(2, "0") or 0)
    return -fen if text.startswith("-") else fen


def fen_from_text(text: str) -> int:
    """An integer amount in fen as text ('1234'); refuses signs, decimals and blanks."""
    if not (text.isascii() and text.isdigit()) or len(text) > 15:
        raise ValueError(f"not an amount in fen: {text!r}")
    return int(text)


def local_text(at: dt.datetime, fmt: str) -> str:
    return clock.local(at).strftime(fmt)


def parse_local(text: str, fmt: str) -> dt.datetime:
    return dt.datetime.strptime(text, fmt).replace(tzinfo=SHANGHAI).astimezone(dt.UTC)


def rfc3339(at: dt.datetime) -> str:
    """WeChat's time format: '2026-11-22T10:34:56+08:00'."""
    return clock.local(at).isoformat(timespec="seconds")


def from_rfc3339(value: object) -> dt.datetime | None:
    """'2026-11-22T10:34:56+08:00' -> UTC; None when absent. A naive or garbled time raises."""
    if not isinstance(value, str) or not value:
        return None
    at = dt.datetime.fromisoformat(value)
    if at.tzinfo is None:
        raise ValueError(f"time without an offset: {value!r}")
    return at.astimezone(dt.UTC)


def digits(n: int) -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(n))


def nonce(n: int = 32) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(n))


def sorted_pairs(params: Mapping[str, str], *, skip: tuple[str, ...]) -> str:
    """'a=1&b=2' over the non-empty params in key order (Alipay, UnionPay, e-CNY sign this)."""
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k not in skip and params[k] != "")


def new_rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def rsa_public_pem(private_pem: str) -> str:
    key = load_rsa_private(private_pem)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def load_rsa_private(pem: str) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


def load_rsa_public(pem: str) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


def rsa_sign(key: rsa.RSAPrivateKey, data: bytes) -> str:
    """SHA256withRSA (PKCS#1 v1.5), base64: what WeChat APIv3, Alipay RSA2 and UnionPay use."""
    return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(key: rsa.RSAPublicKey, data: bytes, signature_b64: str) -> bool:
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (ValueError, TypeError):
        return False
    try:
        key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def check_window(sent_at: dt.datetime) -> None:
    """A callback signed longer ago than the replay window (or that far in the future) is refused."""
    window = dt.timedelta(seconds=get_settings().billing_replay_window_s)
    now = clock.now()
    if sent_at < now - window:
        raise InvalidNotification("stale_timestamp", f"signed at {sent_at.isoformat()}")
    if sent_at > now + window:
        raise InvalidNotification("future_timestamp", f"signed at {sent_at.isoformat()}")


class WireBase:
    """Key handling shared by the RSA formats; subclasses implement the format itself."""

    name: ProviderName
    # Seconds between redeliveries of a callback we did not acknowledge (the provider's schedule).
    retry_schedule: tuple[int, ...] = ()

    def __init__(self, material: KeyMaterial) -> None:
        if material.provider != self.name:
            raise ValueError(f"{material.provider} keys given to the {self.name} wire format")
        self.material = material

    # RSA keys, parsed once (PEM parsing costs more than a verification).
    @cached_property
    def platform_private_key(self) -> rsa.RSAPrivateKey:
        return load_rsa_private(self.material.platform_private)

    @cached_property
    def platform_public_key(self) -> rsa.RSAPublicKey:
        return load_rsa_public(self.material.platform_public)

    @cached_property
    def merchant_private_key(self) -> rsa.RSAPrivateKey:
        return load_rsa_private(self.material.merchant_private)

    def ack_json(self, accepted: bool, ok: bytes, fail: bytes, *, fail_status: int = 400) -> Ack:
        if accepted:
            return Ack(status_code=200, body=ok, content_type="application/json")
        return Ack(status_code=fail_status, body=fail, content_type="application/json")


def decode_json(body: bytes) -> dict[str, object]:
    try:
        value = msgspec.json.decode(body)
    except msgspec.DecodeError:
        raise InvalidNotification("malformed", "body is not JSON") from None
    if not isinstance(value, dict):
        raise InvalidNotification("malformed", "body is not a JSON object")
    return value


def text_field(obj: Mapping[str, object], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise InvalidNotification("malformed", f"{key} missing")
    return value


def int_field(obj: Mapping[str, object], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidNotification("malformed", f"{key} is not an integer")
    return value


def statement_line(
    kind: Literal["payment", "refund"],
    out_trade_no: str,
    provider_ref: str,
    amount_fen: int,
    at: dt.datetime,
    out_refund_no: str = "",
) -> StatementLine:
    return StatementLine(
        kind=kind,
        out_trade_no=out_trade_no,
        out_refund_no=out_refund_no,
        provider_ref=provider_ref,
        amount_fen=amount_fen,
        at=at,
    )


class Wire(Protocol):
    """One provider's wire format, both sides (see the module docstring)."""

    name: ProviderName
    material: KeyMaterial
    retry_schedule: tuple[int, ...]

    # ours
    def verify(self, headers: Mapping[str, str], body: bytes) -> Notification: ...

    def ack(self, accepted: bool) -> Ack: ...

    def parse_statement(self, data: bytes) -> list[StatementLine]: ...

    def client_params(
        self, channel: Channel, prepay_id: str, amount_fen: int, description: str
    ) -> dict[str, str]:
        """What the client SDK needs to open the wallet (signed by us where the provider asks)."""
        ...

    # theirs (the sandbox)
    async def encode(self, event: CallbackEvent) -> tuple[dict[str, str], bytes]:
        """The callback as an HTTP request: headers and body, signed now."""
        ...

    def accepted(self, status: int, body: bytes) -> bool:
        """Whether our answer counts as an acknowledgement (else the provider redelivers)."""
        ...

    def format_statement(self, day: dt.date, rows: list[StatementRow]) -> bytes: ...

    def new_prepay_id(self) -> str: ...

    def new_code_url(self) -> str: ...

    def new_txn_id(self) -> str: ...

    def new_refund_id(self) -> str: ...

    def new_notify_id(self) -> str: ...
