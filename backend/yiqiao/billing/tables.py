"""The billing tables are created in raw SQL by migrations/yiqiao_0012_billing.py (CHECKs that keep
the money arithmetic honest, an append-only trigger on the ledger) and read and written through
``yiqiao.db`` in this context's services only:

- ``billing_order``        what a patient owes for one thing (registration, bill, deposit, ...);
                           the state machine is in ``billing.lifecycle``
- ``billing_order_item``   its lines, priced in fen; the order's total is their sum
- ``billing_payment``      one attempt to collect the self-pay share through one provider
- ``billing_refund``       money going back, to the path it came from
- ``billing_ledger``       append-only: +fen per succeeded payment, -fen per succeeded refund
- ``billing_notification`` every provider notification received: the replay guard and evidence
"""

TABLES = (
    "billing_order",
    "billing_order_item",
    "billing_payment",
    "billing_refund",
    "billing_ledger",
    "billing_notification",
)
