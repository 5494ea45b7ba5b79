"""Audit: an append-only, SM3 hash-chained record of every state change and sensitive read."""
