"""The local e-bill platform's tables (its side of the world, not ours) are created in raw SQL by
migrations/yiqiao_0016_einvoice.py and used by ``integrations.einvoice.local`` only:

- ``einvoice_local_unit``    each issuing unit (institution code): number block and SM2 seal keys
- ``einvoice_local_series``  the running number per unit and bill code
- ``einvoice_local_bill``    every bill issued, blue or red, with its signature and cached PDF
"""

TABLES = ("einvoice_local_unit", "einvoice_local_series", "einvoice_local_bill")
