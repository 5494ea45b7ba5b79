"""Monitoring tables (readings, dead letters)."""
