"""E-invoices (医疗收费电子票据): our record of every bill requested for an order (billing_invoice,
with the one-live-bill-per-order rule as a partial unique index), and the local fiscal e-bill
platform's own side of the world (its issuing units with their seal keys, its number series and
the bills it issued). Raw SQL, like the billing schema it hangs off."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:16:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "e-invoices: billing_invoice and the local e-bill platform's units, series and bills"

FORWARDS = """
-- Our side: one row per bill we asked the platform for. A blue bill is an ordinary receipt for
-- what an order collected (outpatient), or for a stay in hospital once it is settled (inpatient:
-- the whole stay's charges; its deposits and discharge order get no bill of their own); a red one
-- reverses a blue one in full (红冲) after a refund, and a new blue one is then issued for what
-- remains. 'issuing' is a request not yet confirmed (the platform was busy or did not answer): it
-- is retried with the same biz_no (its id), which the platform answers with the same bill.
-- admission_id refers to inpatient_admission (migration 0017, created after this one: no FK).
CREATE TABLE billing_invoice (
  id               uuid        PRIMARY KEY,
  order_id         uuid        NULL REFERENCES billing_order (id),
  admission_id     uuid        NULL,
  institution_id   uuid        NOT NULL REFERENCES institution (id),
  patient_id       uuid        NOT NULL REFERENCES patient (id),
  colour           text        NOT NULL CHECK (colour IN ('blue', 'red')),
  medical_kind     text        NOT NULL CHECK (medical_kind IN ('outpatient', 'inpatient')),
  status           text        NOT NULL CHECK (status IN ('issuing', 'issued', 'reversed')),
  -- blue: what was collected and not refunded when it was requested (> 0); red: minus its blue's
  total_fen        bigint      NOT NULL CHECK ((colour = 'blue' AND total_fen > 0)
                                 OR (colour = 'red' AND total_fen < 0)),
  insurance_fen    bigint      NOT NULL,
  self_pay_fen     bigint      NOT NULL,
  -- red: the blue bill it reverses; blue: the (reversed) blue bill it replaces, if any
  related_id       uuid        NULL REFERENCES billing_invoice (id),
  -- exactly what was sent to the platform, so a retry sends the same request
  request          jsonb       NOT NULL,
  bill_code        text        NULL,
  bill_no          text        NULL,
  check_code       text        NULL,
  verify_url       text        NULL,
  issued_at        timestamptz NULL,
  failed_attempts  integer     NOT NULL DEFAULT 0,
  last_error       text        NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_invoice_shares CHECK (insurance_fen + self_pay_fen = total_fen),
  CONSTRAINT billing_invoice_for_one CHECK ((order_id IS NULL) <> (admission_id IS NULL)),
  CONSTRAINT billing_invoice_red_has_original CHECK (colour = 'blue' OR related_id IS NOT NULL),
  CONSTRAINT billing_invoice_issued_has_number CHECK (status = 'issuing'
    OR (bill_code IS NOT NULL AND bill_no IS NOT NULL AND check_code IS NOT NULL AND issued_at IS NOT NULL)),
  CONSTRAINT billing_invoice_red_stays CHECK (colour = 'blue' OR status <> 'reversed')
);
-- One live receipt per order: a second one can only follow a reversal.
CREATE UNIQUE INDEX billing_invoice_one_live ON billing_invoice (order_id)
  WHERE colour = 'blue' AND status IN ('issuing', 'issued');
CREATE UNIQUE INDEX billing_invoice_one_live_stay ON billing_invoice (admission_id)
  WHERE colour = 'blue' AND status IN ('issuing', 'issued');
-- A blue bill is reversed once.
CREATE UNIQUE INDEX billing_invoice_one_red ON billing_invoice (related_id) WHERE colour = 'red';
CREATE UNIQUE INDEX billing_invoice_bill ON billing_invoice (bill_code, bill_no) WHERE bill_no IS NOT NULL;
CREATE INDEX billing_invoice_patient ON billing_invoice (patient_id, created_at DESC);
CREATE INDEX billing_invoice_order ON billing_invoice (order_id, created_at);
CREATE INDEX billing_invoice_admission ON billing_invoice (admission_id) WHERE admission_id IS NOT NULL;
CREATE INDEX billing_invoice_pending ON billing_invoice (updated_at) WHERE status = 'issuing';

-- The local platform's side: each issuing unit (开票单位) gets a number block (号段) and an SM2
-- seal key pair; the private key is stored SM4-encrypted.
CREATE SEQUENCE einvoice_local_unit_block_seq MINVALUE 1 MAXVALUE 99 NO CYCLE;
CREATE TABLE einvoice_local_unit (
  institution_code text        PRIMARY KEY,
  block            smallint    NOT NULL UNIQUE,
  seal_private_enc bytea       NOT NULL,
  seal_public      text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- One running number per unit and bill code (the code changes with the kind and the year).
CREATE TABLE einvoice_local_series (
  institution_code text        NOT NULL REFERENCES einvoice_local_unit (institution_code),
  bill_code        text        NOT NULL,
  last_seq         bigint      NOT NULL CHECK (last_seq BETWEEN 1 AND 99999999),
  PRIMARY KEY (institution_code, bill_code)
);
CREATE TABLE einvoice_local_bill (
  id               uuid        PRIMARY KEY,
  institution_code text        NOT NULL REFERENCES einvoice_local_unit (institution_code),
  institution_name text        NOT NULL,
  biz_no           text        NOT NULL,
  colour           text        NOT NULL CHECK (colour IN ('blue', 'red')),
  state            text        NOT NULL CHECK (state IN ('valid', 'reversed')),
  medical_kind     text        NOT NULL CHECK (medical_kind IN ('outpatient', 'inpatient')),
  bill_code        text        NOT NULL CHECK (bill_code ~ '^[0-9]{8}$'),
  bill_no          text        NOT NULL CHECK (bill_no ~ '^[0-9]{10}$'),
  check_code       text        NOT NULL CHECK (check_code ~ '^[0-9a-f]{6}$'),
  payer_enc        bytea       NOT NULL,
  payer_masked     text        NOT NULL,
  order_no         text        NOT NULL,
  total_fen        bigint      NOT NULL,
  insurance_fen    bigint      NOT NULL,
  self_pay_fen     bigint      NOT NULL,
  items            jsonb       NOT NULL,
  details          jsonb       NOT NULL DEFAULT '[]',
  remark           text        NOT NULL DEFAULT '',
  original_code    text        NOT NULL DEFAULT '',
  original_no      text        NOT NULL DEFAULT '',
  reversed_by_code text        NOT NULL DEFAULT '',
  reversed_by_no   text        NOT NULL DEFAULT '',
  signature        text        NOT NULL,
  verify_url       text        NOT NULL,
  issued_at        timestamptz NOT NULL,
  pdf              bytea       NULL,
  CONSTRAINT einvoice_local_bill_number UNIQUE (bill_code, bill_no),
  CONSTRAINT einvoice_local_bill_request UNIQUE (institution_code, biz_no),
  CONSTRAINT einvoice_local_bill_shares CHECK (insurance_fen + self_pay_fen = total_fen)
);
CREATE UNIQUE INDEX einvoice_local_bill_one_red ON einvoice_local_bill (original_code, original_no)
  WHERE colour = 'red';
"""

BACKWARDS = """
DROP TABLE einvoice_local_bill;
DROP TABLE einvoice_local_series;
DROP TABLE einvoice_local_unit;
DROP SEQUENCE einvoice_local_unit_block_seq;
DROP TABLE billing_invoice;
"""


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="yiqiao", description=DESCRIPTION)

    async def run() -> None:
        await run_script(FORWARDS)

    async def run_backwards() -> None:
        await run_script(BACKWARDS)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
