"""Device payloads, topics, rejection reasons, broker files and the published contract: the
gateway's pure parts, without any server. (Storing, acking and crashes: tests/integration.)"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import msgspec
import pytest
from device_gateway import contracts, intake
from device_gateway.sink import END, Batch, Item, Sink
from device_gateway.stats import Stats
from yiqiao.monitoring import broker, topics
from yiqiao.monitoring.types import (
    MAX_PAYLOAD_BYTES,
    DeadLetterIn,
    DeviceEvent,
    DeviceRef,
    DeviceStatus,
    EcgBlock,
    EcgIn,
    EventIn,
    ReadingIn,
    StatusIn,
    Telemetry,
)

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
WEARABLE = DeviceRef(
    id=uuid.uuid4(),
    code="DEV-WEAR-T1",
    kind="wearable",
    institution_id=uuid.uuid4(),
    department_id=uuid.uuid4(),
    patient_id=None,
    bed_label="301-1",
)
BUTTON = msgspec.structs.replace(WEARABLE, id=uuid.uuid4(), code="DEV-CALL-T1", kind="call_button")
ECG = msgspec.structs.replace(WEARABLE, id=uuid.uuid4(), code="DEV-ECG-T1", kind="ecg")
DEVICES = {d.code: d for d in (WEARABLE, BUTTON, ECG)}


async def lookup(code: str) -> DeviceRef | None:
    return DEVICES.get(code)


def telemetry(**over: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "seq": 7,
        "ts": "2026-11-22T11:00:00+08:00",
        "readings": [
            {"code": "MDC_PULS_RATE", "value": 72, "unit": "/min"},
            {"code": "MDC_PULS_OXIM_SAT_O2", "value": 97.5, "unit": "%"},
        ],
    }
    doc.update(over)
    return doc


def classify(topic: str, payload: bytes | dict[str, object]) -> intake.Entry:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return asyncio.run(intake.classify(topic, raw, lookup, NOW))


def reason(entry: intake.Entry) -> str:
    assert isinstance(entry, DeadLetterIn), f"expected a dead letter, got {entry!r}"
    return entry.reason


# ---- what is accepted ----


def test_telemetry_becomes_one_reading_per_measurement() -> None:
    rows = classify("devices/DEV-WEAR-T1/telemetry", telemetry())
    assert isinstance(rows, list) and len(rows) == 2
    hr = rows[0]
    assert isinstance(hr, ReadingIn)
    assert (hr.device, hr.seq, hr.code, hr.value, hr.unit) == (WEARABLE, 7, "MDC_PULS_RATE", 72.0, "/min")
    assert hr.measured_at == datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # device time, kept as given
    assert hr.received_at == NOW


def test_loinc_codes_and_ucum_units_are_accepted() -> None:
    rows = classify(
        "devices/DEV-WEAR-T1/telemetry",
        telemetry(
            readings=[
                {"code": "8867-4", "value": 80, "unit": "/min"},
                {"code": "8310-5", "value": 36.8, "unit": "Cel"},
            ]
        ),
    )
    assert [r.code for r in rows] == ["8867-4", "8310-5"]  # type: ignore[union-attr]


def test_events_and_status() -> None:
    ev = classify(
        "devices/DEV-CALL-T1/events", {"seq": 3, "ts": "2026-11-22T03:00:00Z", "event": "call_button"}
    )
    assert isinstance(ev, EventIn) and ev.event == "call_button" and ev.detail == {}
    st = classify(
        "devices/DEV-WEAR-T1/status",
        {"ts": "2026-11-22T03:00:00Z", "online": True, "battery": 80, "firmware": "1.2", "rssi": -60},
    )
    assert isinstance(st, StatusIn) and st.status.battery == 80
    will = classify("devices/DEV-WEAR-T1/status", {"ts": "2026-11-22T03:00:00Z", "online": False})
    assert isinstance(will, StatusIn) and will.status.online is False


def ecg_block(**over: object) -> dict[str, object]:
    """A good 1 s block: leads I, II, III at 250 Hz (750 int16 samples, interleaved)."""
    raw = b"".join(int(v).to_bytes(2, "little", signed=True) for i in range(250) for v in (i, -i, 2 * i))
    doc: dict[str, object] = {
        "seq": 11,
        "ts": "2026-11-22T11:00:00+08:00",
        "sample_rate_hz": 250,
        "leads": ["I", "II", "III"],
        "scale_uv": 2.5,
        "samples": base64.b64encode(raw).decode(),
    }
    doc.update(over)
    return doc


def test_an_ecg_block_becomes_one_row_with_the_raw_samples() -> None:
    row = classify("devices/DEV-ECG-T1/ecg", ecg_block())
    assert isinstance(row, EcgIn)
    assert (row.device, row.seq, row.sample_rate_hz, row.leads, row.scale_uv) == (
        ECG,
        11,
        250,
        ["I", "II", "III"],
        2.5,
    )
    assert row.started_at == datetime(2026, 11, 22, 3, 0, tzinfo=UTC) and row.received_at == NOW
    assert len(row.samples) == 250 * 3 * 2  # raw int16, not base64
    assert int.from_bytes(row.samples[2:4], "little", signed=True) == 0  # II of the first frame
    assert int.from_bytes(row.samples[6:8], "little", signed=True) == 1  # I of the second frame
    twelve = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
    full = ecg_block(leads=twelve, sample_rate_hz=500, samples=base64.b64encode(bytes(2 * 12 * 500)).decode())
    assert isinstance(classify("devices/DEV-ECG-T1/ecg", full), EcgIn)


def _b64(n: int) -> str:
    return base64.b64encode(bytes(n)).decode()


@pytest.mark.parametrize(
    "over",
    [
        {"samples": "not base64!"},
        {"samples": _b64(3 * 2 * 250 + 2)},  # not a whole frame of 3 leads
        {"samples": _b64(3)},  # not even whole int16s
        {"samples": ""},
        {"samples": _b64(3 * 2 * 2501)},  # 10.004 s at 250 Hz
        {"leads": ["I", "II", "I"]},  # duplicate lead
        {"leads": []},
        {"leads": ["I", "II", "X"]},
        {"sample_rate_hz": 100},
        {"sample_rate_hz": 2000},
        {"scale_uv": 0},
        {"ts": "2026-11-22T11:00:00"},  # no offset
        {"extra": 1},
    ],
)
def test_bad_ecg_blocks_are_dead_letters(over: dict[str, object]) -> None:
    dead = classify("devices/DEV-ECG-T1/ecg", ecg_block(**over))
    assert reason(dead) == "malformed"
    assert isinstance(dead, DeadLetterIn) and dead.detail


def test_a_ten_second_block_is_the_longest_and_ecg_is_only_for_ecg_devices() -> None:
    ten = ecg_block(leads=["II"], samples=_b64(2 * 2500))
    assert isinstance(classify("devices/DEV-ECG-T1/ecg", ten), EcgIn)
    assert reason(classify("devices/DEV-WEAR-T1/ecg", ecg_block())) == "wrong_topic"


def test_an_ecg_block_over_the_payload_limit_is_oversized() -> None:
    # 12 leads at 1000 Hz for 3 s: valid as a block, too big as a message.
    big = json.dumps(
        ecg_block(
            leads=["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
            sample_rate_hz=1000,
            samples=_b64(2 * 12 * 3000),
        )
    ).encode()
    assert reason(classify("devices/DEV-ECG-T1/ecg", big)) == "oversized"


# ---- what is rejected, and why ----


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        (b"{not json", "malformed"),
        (b"", "malformed"),
        (b"[]", "malformed"),
        (telemetry(extra=1), "malformed"),  # unknown field
        (telemetry(seq=-1), "malformed"),
        (telemetry(seq="7"), "malformed"),  # no lax coercion
        (telemetry(ts="2026-11-22T03:00:00"), "malformed"),  # no offset
        (telemetry(ts=1795000000), "malformed"),  # epoch number, not RFC 3339
        (telemetry(readings=[]), "malformed"),
        (telemetry(readings=[{"code": "HR", "value": 1, "unit": "/min"}] * 65), "malformed"),
        (telemetry(readings=[{"code": "HR", "value": "72", "unit": "/min"}]), "malformed"),
        (telemetry(readings=[{"code": "HR", "value": 72}]), "malformed"),  # unit missing
        (telemetry(readings=[{"code": "H R", "value": 72, "unit": "/min"}]), "malformed"),
        (b"x" * (MAX_PAYLOAD_BYTES + 1), "oversized"),
    ],
)
def test_bad_telemetry_is_a_dead_letter(payload: bytes | dict[str, object], why: str) -> None:
    dead = classify("devices/DEV-WEAR-T1/telemetry", payload)
    assert reason(dead) == why
    assert isinstance(dead, DeadLetterIn) and dead.device_code == "DEV-WEAR-T1" and dead.detail


def test_oversized_is_checked_before_parsing_and_kept_only_up_to_the_limit() -> None:
    big = json.dumps(
        telemetry(readings=[{"code": "MDC_PULS_RATE", "value": 1, "unit": "/min", "pad": "x" * 70_000}])
    ).encode()
    dead = classify("devices/DEV-WEAR-T1/telemetry", big)
    assert reason(dead) == "oversized"
    assert isinstance(dead, DeadLetterIn) and len(dead.payload) == MAX_PAYLOAD_BYTES


def test_unknown_device_and_wrong_topic_for_the_kind() -> None:
    assert reason(classify("devices/DEV-NOBODY/telemetry", telemetry())) == "unknown_device"
    # A call button has nothing to measure; its kind does not send telemetry.
    assert reason(classify("devices/DEV-CALL-T1/telemetry", telemetry())) == "wrong_topic"
    # An unknown device is reported as such even when its payload is also bad.
    assert reason(classify("devices/DEV-NOBODY/telemetry", b"junk")) == "unknown_device"


def test_event_kinds_are_a_closed_list() -> None:
    bad = {"seq": 1, "ts": "2026-11-22T03:00:00Z", "event": "explode"}
    assert reason(classify("devices/DEV-WEAR-T1/events", bad)) == "malformed"


def test_status_ranges() -> None:
    for bad in (
        {"ts": "2026-11-22T03:00:00Z", "online": True, "battery": 101},
        {"ts": "2026-11-22T03:00:00Z", "online": True, "rssi": 20},
        {"ts": "2026-11-22T03:00:00Z", "online": "yes"},
    ):
        assert reason(classify("devices/DEV-WEAR-T1/status", bad)) == "malformed"


def test_topics() -> None:
    assert topics.parse("devices/DEV-1/telemetry") == ("DEV-1", "telemetry")
    assert topics.parse("devices/DEV-1/events") == ("DEV-1", "events")
    for t in (
        "devices/DEV-1/commands",
        "devices/DEV-1/commands/ack",
        "devices//telemetry",
        "other/DEV-1/telemetry",
        "devices/DEV-1/telemetry/x",
    ):
        assert topics.parse(t) is None
    assert topics.SUBSCRIPTIONS == (
        "devices/+/telemetry",
        "devices/+/events",
        "devices/+/status",
        "devices/+/ecg",
    )
    assert topics.parse("devices/DEV-1/ecg") == ("DEV-1", "ecg") and topics.ecg("A") == "devices/A/ecg"
    assert topics.kind_sends("ecg", "ecg") and topics.kind_sends("ambulance_monitor", "ecg")
    assert not topics.kind_sends("wearable", "ecg")
    assert ("write", "devices/%u/ecg") in topics.DEVICE_ACL
    assert (
        topics.telemetry("A") == "devices/A/telemetry"
        and topics.commands_ack("A") == "devices/A/commands/ack"
    )
    assert topics.kind_sends("wearable", "telemetry") and topics.kind_sends("call_button", "events")
    assert not topics.kind_sends("kiosk", "status") and not topics.kind_sends("call_button", "telemetry")


# ---- batching and acknowledgement ----


def _item(mid: int, rows: int = 1) -> Item:
    readings = [
        ReadingIn(
            device=WEARABLE, seq=mid, code=f"C{i}", value=1.0, unit="1", measured_at=NOW, received_at=NOW
        )
        for i in range(rows)
    ]
    return Item(mid, 1, readings)


def test_batch_counts_rows_and_keeps_acks_in_arrival_order() -> None:
    b = Batch()
    b.add(_item(5, rows=3))
    b.add(
        Item(
            6,
            0,
            DeadLetterIn(
                topic="t", device_code=None, reason="malformed", detail="", payload=b"", received_at=NOW
            ),
        )
    )
    b.add(_item(7, rows=2))
    assert b.rows == 6 and len(b.readings) == 5 and len(b.dead) == 1
    assert b.acks == [(5, 1), (6, 0), (7, 1)]


async def test_sink_acks_only_after_the_batch_is_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first store fails (database away): nothing is acknowledged until the retry succeeds,
    then every message is, in order."""
    from device_gateway import sink as sink_mod

    log: list[str] = []
    attempts = 0

    async def store(batch: Batch, stats: Stats) -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            log.append("store failed")
            raise OSError("connection refused")
        log.append(f"stored {[m for m, _ in batch.acks]}")

    monkeypatch.setattr(sink_mod, "store", store)
    queue: asyncio.Queue[Item] = asyncio.Queue()
    for mid in (1, 2, 3):
        queue.put_nowait(_item(mid))
    queue.put_nowait(END)
    s = Sink(
        queue,
        lambda mid, qos: log.append(f"ack {mid}"),
        Stats(),
        batch_rows=500,
        batch_ms=20,
        stopping=asyncio.Event(),
    )
    await asyncio.wait_for(s.run(), 10)
    assert log == ["store failed", "stored [1, 2, 3]", "ack 1", "ack 2", "ack 3"]


async def test_sink_flushes_at_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from device_gateway import sink as sink_mod

    sizes: list[int] = []

    async def store(batch: Batch, stats: Stats) -> None:
        sizes.append(batch.rows)

    monkeypatch.setattr(sink_mod, "store", store)
    queue: asyncio.Queue[Item] = asyncio.Queue()
    for mid in range(10):
        queue.put_nowait(_item(mid, rows=3))
    queue.put_nowait(END)
    acks: list[int] = []
    await Sink(
        queue,
        lambda mid, qos: acks.append(mid),
        Stats(),
        batch_rows=9,
        batch_ms=1000,
        stopping=asyncio.Event(),
    ).run()
    assert sizes == [9, 9, 9, 3] and acks == list(range(10))


async def test_sink_gives_up_without_acking_when_stopping(monkeypatch: pytest.MonkeyPatch) -> None:
    from device_gateway import sink as sink_mod

    async def store(batch: Batch, stats: Stats) -> None:
        raise OSError("database gone")

    monkeypatch.setattr(sink_mod, "store", store)
    queue: asyncio.Queue[Item] = asyncio.Queue()
    queue.put_nowait(_item(1))
    queue.put_nowait(END)
    stopping = asyncio.Event()
    stopping.set()
    acks: list[int] = []
    await asyncio.wait_for(
        Sink(
            queue, lambda mid, qos: acks.append(mid), Stats(), batch_rows=10, batch_ms=10, stopping=stopping
        ).run(),
        10,
    )
    assert acks == []  # the broker keeps them for the next start


def test_inbox_stops_reading_at_high_water_and_resumes_at_low() -> None:
    import aiomqtt
    from device_gateway.flow import _Inbox

    calls: list[str] = []
    inbox = _Inbox(4, 2, lambda: calls.append("pause"), lambda: calls.append("resume"))
    for mid in range(5):
        inbox.put_nowait(aiomqtt.Message("devices/A/telemetry", b"{}", 1, False, mid, None))
    assert calls == ["pause", "pause"]  # at 4 and 5 waiting (pausing twice is harmless)
    calls.clear()
    got = [inbox.get_nowait().mid for _ in range(3)]
    assert got == [0, 1, 2] and calls == ["resume"]  # once 2 are left


# ---- broker files ----


def test_mosquitto_hash_format_and_verify() -> None:
    h = broker.mosquitto_hash("s3cret")
    _, version, iterations, salt, digest = h.split("$")
    assert (version, iterations) == ("7", "101")
    assert len(salt) == 16 and len(digest) == 88  # base64 of 12 and 64 bytes
    assert broker.mosquitto_verify(h, "s3cret") and not broker.mosquitto_verify(h, "s3cre")
    assert broker.mosquitto_hash("s3cret") != h  # a fresh salt each time


def test_mosquitto_hash_matches_mosquitto_passwd(tmp_path: Path) -> None:
    tool = shutil.which("mosquitto_passwd")
    if tool is None:
        pytest.skip("mosquitto_passwd not installed")
    f = tmp_path / "passwd"
    subprocess.run([tool, "-c", "-b", str(f), "dev", "pw-123"], check=True, capture_output=True)
    theirs = f.read_text().strip().split(":", 1)[1]
    assert broker.mosquitto_verify(theirs, "pw-123")
    salt = __import__("base64").b64decode(theirs.split("$")[3])
    assert broker.mosquitto_hash("pw-123", salt=salt) == theirs


def test_acl_confines_each_device_to_its_own_topics() -> None:
    acl = broker.acl_text("yq-gateway")
    lines = [line for line in acl.splitlines() if line and not line.startswith("#")]
    assert lines == [
        "pattern write devices/%u/telemetry",
        "pattern write devices/%u/events",
        "pattern write devices/%u/status",
        "pattern write devices/%u/ecg",
        "pattern read devices/%u/commands",
        "pattern write devices/%u/commands/ack",
        "user yq-gateway",
        "topic readwrite devices/#",
        "topic read $SYS/#",
    ]


def test_unsafe_usernames_are_refused() -> None:
    assert broker.is_safe_username("DEV-WEAR-001") and broker.is_safe_username("yq-gateway")
    for bad in ("a/b", "a+b", "#", "a b", "a:b", "", "x\ny", "-lead"):
        assert not broker.is_safe_username(bad)


# ---- the published contract ----


def test_contract_is_deterministic_and_checkable(tmp_path: Path) -> None:
    contracts.write(tmp_path)
    first = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*.json")}
    assert contracts.check(tmp_path) == []
    assert set(first) == {
        "yiqiao-devices.json",
        "schemas/telemetry.json",
        "schemas/device-event.json",
        "schemas/device-status.json",
        "schemas/ecg-block.json",
        "schemas/command.json",
        "schemas/command-ack.json",
    }
    assert all(text.endswith("}\n") for text in first.values())
    contracts.write(tmp_path)
    assert {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*.json")} == first
    (tmp_path / "schemas" / "telemetry.json").write_text("{}\n")
    (tmp_path / "schemas" / "old.json").write_text("{}\n")
    assert contracts.check(tmp_path) == ["schemas/old.json", "schemas/telemetry.json"]


def test_committed_contract_is_current() -> None:
    committed = Path(__file__).resolve().parents[2] / "schemas" / "asyncapi"
    assert contracts.check(committed) == [], "run `make schemas` (python -m devtools.contracts schemas)"


def test_asyncapi_document_shape() -> None:
    doc = contracts.asyncapi()
    assert doc["asyncapi"] == "3.0.0"
    assert {c["address"] for c in doc["channels"].values()} == {
        "devices/{code}/telemetry",
        "devices/{code}/events",
        "devices/{code}/status",
        "devices/{code}/ecg",
        "devices/{code}/commands",
        "devices/{code}/commands/ack",
    }
    for op in doc["operations"].values():
        target = op["channel"]["$ref"].removeprefix("#/channels/")
        assert target in doc["channels"]
    assert doc["operations"]["receiveDeviceStatus"]["bindings"]["mqtt"] == {"qos": 1, "retain": True}
    for name in ("Telemetry", "Measurement", "DeviceEvent", "DeviceStatus", "EcgBlock"):
        assert name in doc["components"]["schemas"]


@pytest.mark.parametrize(
    ("stem", "struct", "doc"),
    [
        ("telemetry", Telemetry, telemetry()),
        ("telemetry", Telemetry, telemetry(extra=True)),
        ("telemetry", Telemetry, telemetry(readings=[])),
        (
            "device-event",
            DeviceEvent,
            {"seq": 1, "ts": "2026-11-22T03:00:00Z", "event": "fall", "detail": {"g": 3.1}},
        ),
        ("device-event", DeviceEvent, {"seq": 1, "ts": "2026-11-22T03:00:00Z", "event": "nap"}),
        ("device-status", DeviceStatus, {"ts": "2026-11-22T03:00:00Z", "online": False, "battery": None}),
        ("device-status", DeviceStatus, {"ts": "2026-11-22T03:00:00Z", "online": True, "battery": 101}),
        ("ecg-block", EcgBlock, None),
        ("ecg-block", EcgBlock, {"sample_rate_hz": 50}),
        ("ecg-block", EcgBlock, {"leads": ["I", "X"]}),
        ("ecg-block", EcgBlock, {"samples": ""}),
    ],
)
def test_json_schema_agrees_with_the_gateway(
    stem: str, struct: type[msgspec.Struct], doc: dict[str, object] | None
) -> None:
    """What a device developer validates against is what the gateway accepts. (For ECG, the
    schema cannot say that the samples fit the leads or that leads are distinct; see below.)"""
    if stem == "ecg-block":
        doc = ecg_block(**(doc or {}))
    schema = contracts.payload_schema(struct, stem)
    schema_ok = jsonschema.Draft202012Validator(schema).is_valid(doc)
    try:
        msgspec.json.decode(json.dumps(doc).encode(), type=struct)
        gateway_ok = True
    except msgspec.ValidationError:
        gateway_ok = False
    assert schema_ok == gateway_ok
