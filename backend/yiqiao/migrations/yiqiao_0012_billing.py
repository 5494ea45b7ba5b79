"""Billing: orders and their items, payment attempts, refunds, the append-only ledger of money that
moved, and every provider notification we received (the replay guard). Raw SQL: CHECKs that keep
the money arithmetic honest are clearer here than in Piccolo columns."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "billing: orders, items, payments, refunds, ledger, provider notifications"

FORWARDS = """
CREATE SEQUENCE billing_order_no_seq;
CREATE SEQUENCE billing_refund_no_seq;

CREATE TABLE billing_order (
  id               uuid        PRIMARY KEY,
  order_no         text        NOT NULL UNIQUE,
  institution_id   uuid        NOT NULL REFERENCES institution (id),
  patient_id       uuid        NOT NULL REFERENCES patient (id),
  account_id       uuid        NULL REFERENCES account (id),
  created_by       text        NOT NULL,
  kind             text        NOT NULL CHECK (kind IN ('registration', 'outpatient', 'consultation',
                     'self_order', 'home_nursing', 'inpatient_deposit', 'discharge', 'medtech')),
  subject_type     text        NULL,
  subject_id       text        NULL,
  title            text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('created', 'paying', 'paid', 'refunding',
                     'partially_refunded', 'refunded', 'closed', 'failed')),
  status_reason    text        NOT NULL DEFAULT '',
  total_fen        bigint      NOT NULL CHECK (total_fen > 0),
  insurance_fen    bigint      NOT NULL DEFAULT 0 CHECK (insurance_fen >= 0),
  self_pay_fen     bigint      NOT NULL CHECK (self_pay_fen >= 0),
  paid_fen         bigint      NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  refund_held_fen  bigint      NOT NULL DEFAULT 0 CHECK (refund_held_fen >= 0),
  refunded_fen     bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  idempotency_key  text        NOT NULL,
  request_hash     text        NOT NULL,
  expires_at       timestamptz NOT NULL,
  paid_at          timestamptz NULL,
  closed_at        timestamptz NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_order_idempotency UNIQUE (created_by, idempotency_key),
  CONSTRAINT billing_order_shares CHECK (insurance_fen + self_pay_fen = total_fen),
  CONSTRAINT billing_order_refund_within_paid
    CHECK (refunded_fen + refund_held_fen <= paid_fen + insurance_fen)
);
-- One live order per thing that is being paid for (a booking's fee cannot be billed twice).
CREATE UNIQUE INDEX billing_order_one_live_subject ON billing_order (subject_type, subject_id)
  WHERE subject_type IS NOT NULL
    AND status IN ('created', 'paying', 'paid', 'refunding', 'partially_refunded');
CREATE INDEX billing_order_patient ON billing_order (patient_id, created_at DESC);
CREATE INDEX billing_order_open ON billing_order (expires_at) WHERE status IN ('created', 'paying', 'failed');

CREATE TABLE billing_order_item (
  id               bigserial   PRIMARY KEY,
  order_id         uuid        NOT NULL REFERENCES billing_order (id),
  line_no          integer     NOT NULL,
  code             text        NOT NULL,
  name             text        NOT NULL,
  category         text        NOT NULL CHECK (category IN ('registration', 'drug', 'herb', 'exam', 'lab',
                     'treatment', 'material', 'nursing', 'bed', 'consultation', 'deposit', 'other')),
  unit_fen         bigint      NOT NULL CHECK (unit_fen >= 0),
  quantity         integer     NOT NULL CHECK (quantity > 0),
  amount_fen       bigint      NOT NULL CHECK (amount_fen = unit_fen * quantity),
  insurance_class  text        NOT NULL DEFAULT 'self' CHECK (insurance_class IN ('A', 'B', 'C', 'self')),
  his_ref          text        NULL,
  refundable       boolean     NOT NULL DEFAULT true,
  refunded_fen     bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  CONSTRAINT billing_order_item_line UNIQUE (order_id, line_no)
);

-- One row per attempt to collect the self-pay share through a provider.
CREATE TABLE billing_payment (
  id               uuid        PRIMARY KEY,
  order_id         uuid        NOT NULL REFERENCES billing_order (id),
  out_trade_no     text        NOT NULL UNIQUE,
  provider         text        NOT NULL,
  channel          text        NOT NULL,
  amount_fen       bigint      NOT NULL CHECK (amount_fen > 0),
  payer_account_id uuid        NULL REFERENCES account (id),
  payer_label      text        NOT NULL DEFAULT '',
  status           text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'closed')),
  provider_txn_id  text        NULL,
  failure_reason   text        NOT NULL DEFAULT '',
  late             boolean     NOT NULL DEFAULT false,
  -- Who started the attempt and with which Idempotency-Key: a retried "pay" is the same attempt.
  requested_by     text        NOT NULL,
  idempotency_key  text        NOT NULL,
  request_hash     text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz NULL,
  CONSTRAINT billing_payment_provider_txn UNIQUE (provider, provider_txn_id),
  CONSTRAINT billing_payment_idempotency UNIQUE (requested_by, idempotency_key)
);
CREATE INDEX billing_payment_order ON billing_payment (order_id, created_at DESC);
CREATE INDEX billing_payment_pending ON billing_payment (created_at) WHERE status = 'pending';

CREATE TABLE billing_refund (
  id                 uuid        PRIMARY KEY,
  refund_no          text        NOT NULL UNIQUE,
  order_id           uuid        NOT NULL REFERENCES billing_order (id),
  payment_id         uuid        NULL REFERENCES billing_payment (id),
  amount_fen         bigint      NOT NULL CHECK (amount_fen > 0),
  insurance_fen      bigint      NOT NULL DEFAULT 0
                       CHECK (insurance_fen >= 0 AND insurance_fen <= amount_fen),
  status             text        NOT NULL CHECK (status IN ('processing', 'succeeded', 'failed')),
  initiated_by       text        NOT NULL CHECK (initiated_by IN ('patient', 'staff', 'stop_clinic',
                       'late_payment', 'discharge', 'system')),
  reason             text        NOT NULL,
  items              jsonb       NOT NULL DEFAULT '[]',
  requested_by       text        NOT NULL,
  idempotency_key    text        NOT NULL,
  request_hash       text        NOT NULL,
  provider_refund_id text        NULL,
  failure_reason     text        NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz NULL,
  CONSTRAINT billing_refund_idempotency UNIQUE (requested_by, idempotency_key)
);
CREATE INDEX billing_refund_order ON billing_refund (order_id, created_at DESC);
CREATE INDEX billing_refund_processing ON billing_refund (created_at) WHERE status = 'processing';

-- Money that moved, as the provider will report it: + for a payment, - for a refund. Append-only;
-- exactly one entry per succeeded payment and per succeeded refund (the uniques make a repeated
-- callback unable to book money twice).
CREATE TABLE billing_ledger (
  id               bigserial   PRIMARY KEY,
  at               timestamptz NOT NULL,
  institution_id   uuid        NOT NULL,
  order_id         uuid        NOT NULL REFERENCES billing_order (id),
  payment_id       uuid        NULL REFERENCES billing_payment (id),
  refund_id        uuid        NULL REFERENCES billing_refund (id),
  provider         text        NOT NULL,
  entry            text        NOT NULL CHECK (entry IN ('payment', 'refund')),
  amount_fen       bigint      NOT NULL,
  provider_ref     text        NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_ledger_sign CHECK ((entry = 'payment' AND amount_fen > 0 AND payment_id IS NOT NULL)
    OR (entry = 'refund' AND amount_fen < 0 AND refund_id IS NOT NULL))
);
CREATE UNIQUE INDEX billing_ledger_one_payment ON billing_ledger (payment_id) WHERE entry = 'payment';
CREATE UNIQUE INDEX billing_ledger_one_refund ON billing_ledger (refund_id) WHERE entry = 'refund';
CREATE INDEX billing_ledger_day ON billing_ledger (provider, at);

CREATE FUNCTION billing_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'billing_ledger is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER billing_ledger_no_update BEFORE UPDATE OR DELETE ON billing_ledger
  FOR EACH ROW EXECUTE FUNCTION billing_ledger_append_only();
CREATE TRIGGER billing_ledger_no_truncate BEFORE TRUNCATE ON billing_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION billing_ledger_append_only();

-- Every notification a provider sent, verified or not: the replay guard (one row per provider
-- notification id) and the evidence when a patient asks where their money went.
CREATE TABLE billing_notification (
  id               bigserial   PRIMARY KEY,
  provider         text        NOT NULL,
  notify_id        text        NULL,
  kind             text        NOT NULL,
  reference        text        NOT NULL DEFAULT '',
  outcome          text        NOT NULL,
  detail           text        NOT NULL DEFAULT '',
  received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billing_notification_once ON billing_notification (provider, notify_id)
  WHERE notify_id IS NOT NULL;
CREATE INDEX billing_notification_reference ON billing_notification (reference);
"""

BACKWARDS = """
DROP TABLE billing_notification;
DROP TRIGGER billing_ledger_no_truncate ON billing_ledger;
DROP TRIGGER billing_ledger_no_update ON billing_ledger;
DROP FUNCTION billing_ledger_append_only();
DROP TABLE billing_ledger;
DROP TABLE billing_refund;
DROP TABLE billing_payment;
DROP TABLE billing_order_item;
DROP TABLE billing_order;
DROP SEQUENCE billing_refund_no_seq;
DROP SEQUENCE billing_order_no_seq;
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
