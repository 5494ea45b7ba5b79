"""Who an alarm goes to at each escalation level.

Level 0 is the ward's nurse for the device (the ward's nurses take devices in turn, by device
id, so the load spreads and the same bed keeps the same nurse), level 1 the next nurse of the
ward, level 2 the head nurse. A level nobody fills (a ward with one nurse, or no head nurse) is
skipped. Read from identity's roster each time, so a roster change applies to the next step.
"""

from __future__ import annotations

import uuid

from yiqiao.identity.service import wards

MAX_LEVEL = 2


async def ladder(department_id: uuid.UUID | None, device_id: uuid.UUID) -> list[uuid.UUID | None]:
    """Staff id per level (index = level); None where that level has nobody."""
    if department_id is None:
        return [None] * (MAX_LEVEL + 1)
    nurses = await wards.ward_staff(department_id, ("nurse",))
    heads = await wards.ward_staff(department_id, ("head_nurse",))
    first = device_id.int % len(nurses) if nurses else 0
    primary = nurses[first].id if nurses else None
    second = nurses[(first + 1) % len(nurses)].id if len(nurses) > 1 else None
    head = heads[0].id if heads else None
    return [primary, second, head]


def first_level(steps: list[uuid.UUID | None]) -> tuple[int, uuid.UUID | None]:
    """Where a new alarm starts: the first level somebody fills (level 0 when nobody does)."""
    for level, who in enumerate(steps):
        if who is not None:
            return level, who
    return 0, None


def next_level(steps: list[uuid.UUID | None], level: int) -> tuple[int, uuid.UUID] | None:
    """The next filled level above ``level``, or None at the top of the ladder."""
    for nxt in range(level + 1, len(steps)):
        who = steps[nxt]
        if who is not None:
            return nxt, who
    return None
