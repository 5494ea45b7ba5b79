"""Medical-tech and treatment booking (医技预约, 治疗预约): exam resources (CT, MRI, ultrasound,
endoscopy rooms; physiotherapy and TCM treatment rooms) with bookable time bands, the exam
catalogue with preparation notes, the doctor's exam orders patients book against, conflict rules
between a patient's exams, suggested schedules, treatment series, equipment outages and reminders.
See ``tables`` for the storage and ``lifecycle`` for the state machines."""
