"""Alarms of the monitoring context: rules, evaluation, the alarm lifecycle and escalation.

- ``rules``      what a rule is, how one is validated, and the in-memory rule book (kind defaults
                 merged with per-patient overrides) the evaluator and the sweep read.
- ``evaluate``   the gateway's hook: checks every stored batch of readings and events against the
                 cached rules, in memory, and raises alarms for what breaches.
- ``lifecycle``  the alarm state machine, in one place: raise (with duplicate suppression),
                 acknowledge, escalate, resolve; each transition audited in its transaction and
                 published to the ward and the target nurse.
- ``ladder``     who an alarm goes to at each escalation level (nurse, next nurse, head nurse).
- ``sweep``      the worker's cron: escalate what nobody acknowledged, raise "silent device"
                 technical alarms, resolve them once data flows again.
- ``service``    what clinicians do: the ward's open alarms, acknowledge, resolve, patient rules.

Tables (raw SQL, migration ``yiqiao_0004_alarms``): ``alarm_rule`` (one row per device kind or
per patient and ``rule_key``; a patient's rule overrides the kind's rule with the same key),
``alarm`` (at most one open alarm per device and rule key: the partial unique index
``alarm_open_once`` is the duplicate suppression) and ``alarm_device_seen`` (when each device
last sent data, written by the evaluator at most every few seconds per device).
"""
