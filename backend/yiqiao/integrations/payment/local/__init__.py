"""The local payment sandboxes: WeChat Pay, Alipay, UnionPay, e-CNY and credit care as they behave
at their end, in our database (``local_pay_*``), for development, tests and benchmarks.

- ``provider.LocalPaymentProvider``: the ``PaymentProvider`` Protocol over the sandbox
- ``engine``:   trades, refunds, credit lines, statements (the provider's records and rules)
- ``wallet``:   the simulated payer (``await local.wallet.pay(prepay_id, outcome=...)``)
- ``delivery``: signed callbacks POSTed to our notify endpoint, retried like the real services
- ``faults``:   late, duplicated, out-of-order callbacks and failed payments, on purpose
- ``keys``:     each provider's keys, generated once per database
"""

from yiqiao.integrations.payment.local import delivery, engine, faults, keys, wallet
from yiqiao.integrations.payment.local.provider import LocalPaymentProvider, local_provider

__all__ = ["LocalPaymentProvider", "delivery", "engine", "faults", "keys", "local_provider", "wallet"]
