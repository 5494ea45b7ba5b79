"""The scheduling tables are created in raw SQL by migrations/yiqiao_0007_scheduling.py (partial
unique indexes, a CHECK that a slot counter never goes below zero, and a booking-number sequence),
and read and written through ``yiqiao.db`` in this context's services only:

- ``doctor_profile``     a doctor's searchable card (name, pinyin, initials, intro)
- ``schedule_template``  weekly pattern per doctor, weekday and session
- ``schedule``           one session of one doctor on one day (排班), with its release times
- ``slot_pool``          one counter row per (schedule, time band, pool): booking decrements it
- ``appointment``        bookings; the state machine is in ``scheduling.lifecycle``
- ``waitlist_entry``     候补; the state machine is in ``scheduling.waitlist_lifecycle``
- ``booking_blacklist``  who may not book online, why, and until when
- ``booking_flag``       abnormal booking/cancel patterns for review
- ``release_subscription`` 放号提醒: an account's alert for a doctor's releases (migration 0010)
"""

TABLES = (
    "doctor_profile",
    "schedule_template",
    "schedule",
    "slot_pool",
    "appointment",
    "waitlist_entry",
    "booking_blacklist",
    "booking_flag",
    "release_subscription",
)
