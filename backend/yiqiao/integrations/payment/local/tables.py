"""The payment sandboxes' tables are created in raw SQL by migrations/yiqiao_0014_payment_sandbox.py
(CHECKs that keep a trade's refunds within what was paid) and read and written only by this
package, through ``yiqiao.db``. They are the providers' side of the world, not ours:

- ``local_pay_key``          each provider's keys and merchant ids, SM4-sealed (``local.keys``)
- ``local_pay_trade``        payment orders placed at a provider (统一下单), with their outcome
- ``local_pay_refund``       refunds asked of a provider, and what they will become
- ``local_pay_callback``     the signed callbacks a provider owes us: due time, attempts, faults
- ``local_pay_credit_line``  credit care (信用就医): each patient's limit and what is used of it
"""

TABLES = (
    "local_pay_key",
    "local_pay_trade",
    "local_pay_refund",
    "local_pay_callback",
    "local_pay_credit_line",
)
