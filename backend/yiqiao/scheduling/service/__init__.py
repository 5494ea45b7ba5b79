"""Scheduling use-cases, one module per group."""
