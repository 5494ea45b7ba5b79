"""Campus geofences for online check-in: where a campus is and how close a phone must be."""

from __future__ import annotations

import math
import uuid

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid
from yiqiao.scheduling.queue_types import GeofenceSpec, Position

EARTH_RADIUS_M = 6_371_000.0


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


async def set_geofence(actor: Actor, institution_id: uuid.UUID, spec: GeofenceSpec) -> None:
    """The scheduling office of an institution (or the system) sets where its campus is."""
    if not (
        actor.kind == "system"
        or (actor.kind == "staff" and "admin" in actor.roles and actor.institution_id == institution_id)
    ):
        raise Forbidden(
            "Only the institution's administrators set its geofence.", code="not_institution_admin"
        )
    async with db.transaction():
        await db.execute(
            "INSERT INTO campus_geofence (institution_id, lat, lon, radius_m, updated_at)"
            " VALUES ({}, {}, {}, {}, {}) ON CONFLICT (institution_id) DO UPDATE SET lat = EXCLUDED.lat,"
            " lon = EXCLUDED.lon, radius_m = EXCLUDED.radius_m, updated_at = EXCLUDED.updated_at",
            institution_id,
            spec.lat,
            spec.lon,
            spec.radius_m,
            clock.now(),
        )
        await audit.record(
            actor,
            "geofence.set",
            "institution",
            institution_id,
            {"lat": spec.lat, "lon": spec.lon, "radius_m": spec.radius_m},
            institution_id,
        )


async def require_on_campus(institution_id: uuid.UUID, position: Position | None) -> None:
    """Refuse an online check-in from too far away when the campus has a geofence."""
    rows = await db.fetch(
        "SELECT lat, lon, radius_m FROM campus_geofence WHERE institution_id = {}", institution_id
    )
    if not rows:
        return
    if position is None:
        raise Invalid(
            "This campus accepts online check-in on site only: allow the app to use your location.",
            code="position_required",
        )
    g = rows[0]
    d = distance_m(g["lat"], g["lon"], position.lat, position.lon)
    # A poor fix may still be on campus: give it the benefit of its accuracy, up to 200 m.
    slack = min(position.accuracy_m or 0.0, 200.0)
    if d - slack > g["radius_m"]:
        raise Conflict(
            f"You are about {d / 1000:.1f} km from the campus; check in when you are within"
            f" {g['radius_m']} m of it, or at a kiosk.",
            code="too_far_from_campus",
            distance_m=round(d),
            radius_m=g["radius_m"],
        )
