"""Billing: orders for everything a patient pays for, payment through providers, refunds, the
ledger of money that moved, insurance settlement, deposits, reconciliation and e-invoices.

State machines: ``billing.lifecycle``. Tables: migration 0012 (see ``billing.tables``)."""
