"""Monitoring tables are raw SQL (migration ``yiqiao_0003_monitoring``), not Piccolo classes.

``reading`` is a time series ``PARTITION BY RANGE (measured_at)`` with monthly partitions and a
DEFAULT partition. Piccolo cannot declare a partitioned table, and its auto-migrations would try
to recreate or alter anything registered here, so nothing is registered. ``device_event``,
``device_status``, ``device_assignment`` and ``dead_letter`` sit beside it for the same reason:
one context, one way of reaching its tables. ``yiqiao.monitoring.service`` reads and writes them
with ``yiqiao.db.fetch``/``execute``; other contexts go through that service.

- ``reading(device_id, seq, measured_at, received_at, code, value, unit, patient_id,
  department_id)``, primary key ``(device_id, seq, code, measured_at)`` (a resent message is
  stored once). New months are created by ``SELECT reading_ensure_partition(date)``, which the
  gateway calls at start and daily (see ``service.ensure_partitions``).
- ``device_event(id, device_id, seq, occurred_at, received_at, event, detail jsonb, patient_id,
  department_id)``, unique ``(device_id, seq)``.
- ``device_status(device_id pk, online, battery, firmware, rssi, reported_at, received_at)``.
- ``device_assignment(device_id pk, patient_id, assigned_at, assigned_by)``: who wears or lies
  on the device now; readings are stamped with it as they arrive.
- ``dead_letter(id, received_at, topic, device_code, reason, detail, payload bytea)``.
"""
