"""Play bedside devices against the broker, each with its own credentials.

    python -m device_gateway.simulate --devices 20 [--rate 1] [--seconds 60]

Credentials come from ``$YQ_DATA_DIR/device-credentials.json`` (``{code: password}``, written by
the demo seed). Device kinds come from the database when it is reachable (a call button sends
events, a BP monitor blood pressure…); without it every device plays a wearable. Each device
announces itself with a retained ``status`` (and leaves a Last Will saying it went offline),
then publishes telemetry at ``--rate`` messages per second with a ``seq`` that keeps increasing
across runs; about one message in a hundred carries a value out of the normal range. Devices that
send telemetry answer commands (``measure_now``, ``set_interval``; see sim_commands.py), and an
ambulance monitor also sends its position (GPS_LAT/GPS_LON/GPS_SPEED). ECG machines (12 leads) and
ambulance monitors (I, II, III) stream a synthetic ECG at their simulated heart rate, one block
per second (see sim_ecg.py). At the end a JSON summary goes to stdout: messages and readings
published, ECG blocks, and each device's seq range.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import random
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiomqtt
import msgspec
from yiqiao.monitoring import topics
from yiqiao.monitoring.types import DeviceEvent, DeviceStatus, EventKind, Measurement, Telemetry
from yiqiao.settings import get_settings

from device_gateway.config import broker_address
from device_gateway.sim_commands import Remote
from device_gateway.sim_ecg import THREE_LEADS, TWELVE_LEADS, EcgSignal

log = logging.getLogger("device_gateway.simulate")

FIRMWARE = "sim-1.4.2"
ABNORMAL_RATE = 0.01


class Walk:
    """A value drifting inside [lo, hi] (random walk), now and then jumping outside it."""

    def __init__(self, lo: float, hi: float, step: float, spike: tuple[float, float], digits: int = 0):
        self.lo, self.hi, self.step, self.spike, self.digits = lo, hi, step, spike, digits
        self.value = random.uniform(lo, hi)

    def next(self, rng: random.Random) -> float:
        self.value = min(self.hi, max(self.lo, self.value + rng.uniform(-self.step, self.step)))
        v = rng.uniform(*self.spike) if rng.random() < ABNORMAL_RATE else self.value
        return round(v, self.digits) if self.digits else float(round(v))


def _vitals(kind: str) -> dict[tuple[str, str], Walk]:
    hr = Walk(60, 100, 2, (130, 165))
    spo2 = Walk(95, 99, 0.5, (84, 89))
    temp = Walk(36.2, 37.2, 0.05, (38.6, 39.8), digits=1)
    sys_, dia = Walk(105, 135, 3, (165, 190)), Walk(65, 85, 2, (100, 115))
    resp = Walk(12, 20, 1, (28, 34))
    pick: dict[str, dict[tuple[str, str], Walk]] = {
        "wearable": {
            ("MDC_PULS_RATE", "/min"): hr,
            ("MDC_PULS_OXIM_SAT_O2", "%"): spo2,
            ("MDC_TEMP_BODY", "Cel"): temp,
        },
        "bp_monitor": {
            ("MDC_PRESS_BLD_NONINV_SYS", "mm[Hg]"): sys_,
            ("MDC_PRESS_BLD_NONINV_DIA", "mm[Hg]"): dia,
            ("MDC_PULS_RATE", "/min"): hr,
        },
        "bed_sensor": {("MDC_PULS_RATE", "/min"): hr, ("MDC_RESP_RATE", "/min"): resp},
    }
    pick["mattress"] = pick["bed_sensor"]
    return pick.get(
        kind,
        {
            ("MDC_PULS_RATE", "/min"): hr,
            ("MDC_PULS_OXIM_SAT_O2", "%"): spo2,
            ("MDC_PRESS_BLD_NONINV_SYS", "mm[Hg]"): sys_,
            ("MDC_PRESS_BLD_NONINV_DIA", "mm[Hg]"): dia,
            ("MDC_TEMP_BODY", "Cel"): temp,
        },
    )


class Route:
    """An ambulance driving from a township towards the county hospital (GPS_* codes, "deg")."""

    HOSPITAL = (29.5630, 106.5516)

    def __init__(self, rng: random.Random) -> None:
        self.lat = self.HOSPITAL[0] + rng.uniform(0.05, 0.12)
        self.lon = self.HOSPITAL[1] + rng.uniform(-0.12, 0.12)

    def next(self) -> list[Measurement]:
        self.lat += (self.HOSPITAL[0] - self.lat) * 0.01
        self.lon += (self.HOSPITAL[1] - self.lon) * 0.01
        return [
            Measurement(code="GPS_LAT", value=round(self.lat, 6), unit="deg"),
            Measurement(code="GPS_LON", value=round(self.lon, 6), unit="deg"),
            Measurement(code="GPS_SPEED", value=52.0, unit="km/h"),
        ]


@dataclass
class Tally:
    messages: int = 0
    readings: int = 0
    events: int = 0
    ecg_blocks: int = 0
    seqs: dict[str, list[int]] = field(default_factory=dict)  # code → [first, last]

    def saw(self, code: str, seq: int) -> None:
        self.seqs.setdefault(code, [seq, seq])[1] = seq


def _now() -> datetime:
    return datetime.now(UTC)


def _status(online: bool, rng: random.Random) -> bytes:
    if not online:
        return msgspec.json.encode(DeviceStatus(ts=_now(), online=False))
    return msgspec.json.encode(
        DeviceStatus(
            ts=_now(),
            online=True,
            battery=rng.randint(40, 100),
            firmware=FIRMWARE,
            rssi=rng.randint(-85, -40),
        )
    )


async def stream_ecg(
    client: aiomqtt.Client,
    code: str,
    signal: EcgSignal,
    seqs: Iterator[int],
    heart_rate: Callable[[], float],
    until: Callable[[], bool],
    tally: Tally,
) -> None:
    """One ECG block per second, each covering the second just past, until ``until()``."""
    next_at = time.monotonic() + 1.0
    while True:
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if until():
            return
        seq = next(seqs)
        block = signal.block(seq, _now(), heart_rate())
        await client.publish(topics.ecg(code), msgspec.json.encode(block), qos=1)
        tally.ecg_blocks += 1
        tally.saw(code, seq)
        next_at += 1.0


async def play(
    code: str,
    password: str,
    kind: str,
    host: str,
    port: int,
    rate: float,
    seconds: float | None,
    stop: asyncio.Event,
    tally: Tally,
) -> None:
    rng = random.Random(code)
    vitals = _vitals(kind)
    sends_telemetry = topics.kind_sends(kind, "telemetry")
    # One seq counter for every channel of the device; keeps increasing across runs while the
    # device sends fewer than 1000 messages/s.
    seqs = itertools.count(int(time.time() * 1000))
    hr = vitals.get(("MDC_PULS_RATE", "/min"))
    will = aiomqtt.Will(topics.status(code), _status(False, rng), qos=1, retain=True)
    async with aiomqtt.Client(
        host, port, username=code, password=password, identifier=code, will=will, keepalive=30
    ) as client:
        await client.publish(topics.status(code), _status(True, rng), qos=1, retain=True)
        remote = Remote(client, code, 1.0 / rate)
        listener = asyncio.create_task(remote.listen()) if sends_telemetry else None
        route = Route(rng) if kind == "ambulance_monitor" else None
        start = time.monotonic()
        deadline = None if seconds is None else start + seconds

        def over() -> bool:
            return stop.is_set() or (deadline is not None and time.monotonic() >= deadline)

        ecg = None
        if topics.kind_sends(kind, "ecg"):
            waveform = EcgSignal(TWELVE_LEADS if kind == "ecg" else THREE_LEADS, rng)
            rate_now = (lambda: hr.value) if hr is not None else (lambda: 75.0)
            ecg = asyncio.create_task(stream_ecg(client, code, waveform, seqs, rate_now, over, tally))
        next_at = start
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            if sends_telemetry:
                seq = next(seqs)
                readings = [Measurement(code=c, value=w.next(rng), unit=u) for (c, u), w in vitals.items()]
                msg = Telemetry(seq=seq, ts=_now(), readings=readings + (route.next() if route else []))
                await client.publish(topics.telemetry(code), msgspec.json.encode(msg), qos=1)
                tally.readings += len(msg.readings)
                tally.messages += 1
                tally.saw(code, seq)
                await remote.measured(seq)
            if topics.kind_sends(kind, "events") and rng.random() < (0.05 if not sends_telemetry else 0.001):
                event: EventKind = (
                    "call_button"
                    if kind == "call_button"
                    else "fall"
                    if kind == "wearable"
                    else "bed_exit"
                    if kind in ("bed_sensor", "mattress")
                    else "sos"
                )
                await client.publish(
                    topics.events(code),
                    msgspec.json.encode(
                        DeviceEvent(seq=next(seqs), ts=_now(), event=event, detail={"simulated": True})
                    ),
                    qos=1,
                )
                tally.events += 1
            next_at += remote.period
            if await remote.sleep(next_at - time.monotonic(), stop):
                next_at = time.monotonic()  # a command: measure now, then keep the new pace
        for task in (listener, ecg):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, aiomqtt.MqttError):
                    await task
        # A clean goodbye: say offline ourselves (a clean DISCONNECT does not fire the Will).
        await client.publish(topics.status(code), _status(False, rng), qos=1, retain=True)


def load_credentials(path: Path | None = None) -> dict[str, str]:
    path = path or Path(get_settings().data_dir) / "device-credentials.json"
    try:
        creds: dict[str, str] = msgspec.json.decode(path.read_bytes(), type=dict[str, str])
    except FileNotFoundError:
        raise SystemExit(f"{path} not found: run the demo seed first (yiqiao seed)") from None
    return creds


async def device_kinds() -> dict[str, str]:
    """code → kind from the database, or {} when it is not reachable within a few seconds."""
    from yiqiao import db
    from yiqiao.monitoring import service

    try:
        await asyncio.wait_for(db.start_pool(), 5)
        try:
            return {d.code: d.kind for d in await service.device_refs()}
        finally:
            await db.close_pool()
    except Exception as exc:
        log.warning("device kinds unavailable (%s); every device plays a wearable", exc)
        return {}


def choose(creds: dict[str, str], kinds: dict[str, str], n: int) -> list[tuple[str, str, str]]:
    """Up to ``n`` (code, password, kind), telemetry senders first, in code order."""
    rows = [(c, p, kinds.get(c, "wearable")) for c, p in sorted(creds.items()) if not kinds or c in kinds]
    rows.sort(key=lambda r: not topics.kind_sends(r[2], "telemetry"))
    return rows[:n]


STOP_GRACE_S = 5.0


async def _until_done_or_stopped(players: asyncio.Future[Any], stop: asyncio.Event) -> None:
    """Wait for the players; once asked to stop, give them STOP_GRACE_S to disconnect cleanly, then
    cancel them (a player stuck reconnecting to a broker that is also going away never returns)."""
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({players, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if players.done():
        stopping.cancel()
        players.result()  # a player's error (e.g. the broker refused us) is the run's error
        return
    try:
        await asyncio.wait_for(asyncio.shield(players), STOP_GRACE_S)
    except TimeoutError:
        players.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await players


async def run(
    n: int,
    rate: float,
    seconds: float | None,
    *,
    creds: dict[str, str] | None = None,
    kinds: dict[str, str] | None = None,
    stop: asyncio.Event | None = None,
) -> dict[str, Any]:
    creds = creds if creds is not None else load_credentials()
    kinds = kinds if kinds is not None else await device_kinds()
    chosen = choose(creds, kinds, n)
    if not chosen:
        raise SystemExit("no device credentials to play")
    host, port, _tls = broker_address(get_settings().mqtt_url)
    stop = stop or asyncio.Event()
    tally = Tally()
    started = time.monotonic()
    players = asyncio.gather(*(play(c, p, k, host, port, rate, seconds, stop, tally) for c, p, k in chosen))
    await _until_done_or_stopped(players, stop)
    elapsed = time.monotonic() - started
    return {
        "devices": len(chosen),
        "messages": tally.messages,
        "readings": tally.readings,
        "events": tally.events,
        "ecg_blocks": tally.ecg_blocks,
        "seconds": round(elapsed, 2),
        "readings_per_s": round(tally.readings / elapsed, 1) if elapsed else 0.0,
        "seq": tally.seqs,
    }


async def _main(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    summary = await run(args.devices, args.rate, args.seconds, stop=stop)
    print(json.dumps(summary, sort_keys=True))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m device_gateway.simulate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--devices", type=int, default=5, help="how many devices to play")
    parser.add_argument("--rate", type=float, default=1.0, help="telemetry messages per second per device")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long (default: ^C)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(_main(args))
    except aiomqtt.MqttError as exc:
        raise SystemExit(f"simulator: cannot use the broker at {get_settings().mqtt_url}: {exc}") from None


if __name__ == "__main__":
    main()
