"""Scheduling: schedules (排班), slot pools, booking, waitlist, no-shows and the booking blacklist."""
