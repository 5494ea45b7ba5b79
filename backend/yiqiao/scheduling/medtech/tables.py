"""The medical-tech tables are created in raw SQL by migrations/yiqiao_0013_medtech.py (partial
unique indexes, CHECKs that a band counter never goes below zero or above its capacity, number
sequences), like the rest of scheduling, and read and written through ``yiqiao.db`` in this
sub-area's services only. Piccolo does not register them (its auto-migrations would try to
recreate what it cannot declare).

- ``exam_item``              the catalogue: code, exam or treatment, modality, duration, preparation
                             notes (Chinese), fasting, contrast agent
- ``exam_interference``      item B may not start within N hours after item A (order matters)
- ``exam_resource``          a room or device (CT-1, MRI-1, US-1, 内镜室, 物理治疗室) of a department
- ``exam_resource_template`` weekly opening hours, band length and patients per band
- ``exam_band``              one counter row per resource and time band; booking decrements it
- ``exam_resource_outage``   equipment failure: the resource is down for a period
- ``exam_order``             检查/治疗申请: what a doctor ordered for a patient (and how many sessions)
- ``treatment_series``       a course of treatment sessions booked in one command
- ``exam_booking``           one exam or one treatment session at a band; the state machine is in
                             ``scheduling.medtech.lifecycle``
"""

TABLES = (
    "exam_item",
    "exam_interference",
    "exam_resource",
    "exam_resource_template",
    "exam_band",
    "exam_resource_outage",
    "exam_order",
    "treatment_series",
    "exam_booking",
)
