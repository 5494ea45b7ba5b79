"""Billing use-cases: orders, payments, provider notifications, refunds, read models, sweeps."""
