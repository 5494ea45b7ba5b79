"""Monitoring: device readings, alarms and the broker's view of the device registry."""
