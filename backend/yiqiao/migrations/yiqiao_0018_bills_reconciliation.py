"""Outpatient bills and reconciliation.

The embedded HIS's side of outpatient charging (our own tables act as the hospital's billing
system, beside ``local_his_card``): visits (门诊就诊), the bills a doctor's orders produce
(处方, 检查/检验申请, 治疗单), their charge items with the flags that decide refundability
(executed, dispensed), and the refunds the HIS was told about.

Our side: which HIS bills each outpatient order settles; reconciliation (对账) runs, one per
(provider, statement day) and re-run in place, and the mismatches each found with their cause.
Raw SQL: the CHECKs keep the HIS's money arithmetic honest."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:18:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "local HIS outpatient visits, bills and charge items; reconciliation runs and mismatches"

FORWARDS = """
CREATE SEQUENCE local_his_visit_seq;
CREATE SEQUENCE local_his_bill_seq;

CREATE TABLE local_his_visit (
  visit_no          text        PRIMARY KEY,
  card_no           text        NOT NULL REFERENCES local_his_card (card_no),
  institution_code  text        NOT NULL,
  department        text        NOT NULL,
  doctor            text        NOT NULL,
  visit_at          timestamptz NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_his_visit_card ON local_his_visit (card_no, visit_at DESC);

CREATE TABLE local_his_bill (
  bill_no           text        PRIMARY KEY,
  visit_no          text        NOT NULL REFERENCES local_his_visit (visit_no),
  kind              text        NOT NULL CHECK (kind IN ('prescription', 'herbal', 'exam', 'lab',
                      'treatment', 'material', 'registration')),
  title             text        NOT NULL,
  status            text        NOT NULL CHECK (status IN ('unpaid', 'paid', 'cancelled')),
  total_fen         bigint      NOT NULL CHECK (total_fen > 0),
  -- Who settled it (our order number) and for how much, as we told the HIS.
  settlement_ref    text        NULL,
  issued_at         timestamptz NOT NULL,
  paid_at           timestamptz NULL,
  cancelled_at      timestamptz NULL,
  CONSTRAINT local_his_bill_paid CHECK ((status = 'paid') = (settlement_ref IS NOT NULL))
);
CREATE INDEX local_his_bill_visit ON local_his_bill (visit_no);
CREATE INDEX local_his_bill_unpaid ON local_his_bill (issued_at) WHERE status = 'unpaid';

CREATE TABLE local_his_charge_item (
  bill_no           text        NOT NULL REFERENCES local_his_bill (bill_no),
  line_no           integer     NOT NULL CHECK (line_no > 0),
  code              text        NOT NULL,
  name              text        NOT NULL,
  category          text        NOT NULL CHECK (category IN ('registration', 'drug', 'herb', 'exam',
                      'lab', 'treatment', 'material', 'other')),
  spec              text        NOT NULL DEFAULT '',
  unit              text        NOT NULL DEFAULT '',
  unit_fen          bigint      NOT NULL CHECK (unit_fen >= 0),
  quantity          integer     NOT NULL CHECK (quantity > 0),
  amount_fen        bigint      NOT NULL CHECK (amount_fen = unit_fen * quantity),
  insurance_class   text        NOT NULL DEFAULT 'self' CHECK (insurance_class IN ('A', 'B', 'C', 'self')),
  executed_at       timestamptz NULL,
  dispensed_at      timestamptz NULL,
  refunded_fen      bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  PRIMARY KEY (bill_no, line_no)
);

-- Every refund we told the HIS about, once per (our refund, item): a repeated notice is a no-op.
CREATE TABLE local_his_refund (
  refund_ref        text        NOT NULL,
  bill_no           text        NOT NULL,
  line_no           integer     NOT NULL,
  amount_fen        bigint      NOT NULL CHECK (amount_fen > 0),
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (refund_ref, bill_no, line_no),
  FOREIGN KEY (bill_no, line_no) REFERENCES local_his_charge_item (bill_no, line_no)
);

-- Our side: which HIS bills an outpatient order settles (several bills of a visit are paid in one
-- order; a bill in an open or paid order is not billed again).
CREATE TABLE billing_his_bill (
  bill_no           text        NOT NULL,
  order_id          uuid        NOT NULL REFERENCES billing_order (id),
  patient_id        uuid        NOT NULL REFERENCES patient (id),
  PRIMARY KEY (bill_no, order_id)
);
CREATE INDEX billing_his_bill_order ON billing_his_bill (order_id);

CREATE TABLE billing_recon_run (
  id                uuid        PRIMARY KEY,
  provider          text        NOT NULL,
  day               date        NOT NULL,
  status            text        NOT NULL CHECK (status IN ('running', 'balanced', 'mismatched', 'failed')),
  attempts          integer     NOT NULL DEFAULT 1,
  statement_sm3     text        NOT NULL DEFAULT '',
  their_lines       integer     NOT NULL DEFAULT 0,
  their_payments_fen bigint     NOT NULL DEFAULT 0,
  their_refunds_fen bigint      NOT NULL DEFAULT 0,
  our_entries       integer     NOT NULL DEFAULT 0,
  our_payments_fen  bigint      NOT NULL DEFAULT 0,
  our_refunds_fen   bigint      NOT NULL DEFAULT 0,
  matched           integer     NOT NULL DEFAULT 0,
  mismatches        integer     NOT NULL DEFAULT 0,
  error             text        NOT NULL DEFAULT '',
  started_at        timestamptz NOT NULL,
  finished_at       timestamptz NULL,
  CONSTRAINT billing_recon_run_once UNIQUE (provider, day)
);
CREATE INDEX billing_recon_run_day ON billing_recon_run (day DESC);

CREATE TABLE billing_recon_mismatch (
  id                bigserial   PRIMARY KEY,
  run_id            uuid        NOT NULL REFERENCES billing_recon_run (id),
  provider          text        NOT NULL,
  day               date        NOT NULL,
  -- A stable name for this mismatch within its run (cause, kind, reference, occurrence), so a
  -- re-run recognises what it saw before.
  key               text        NOT NULL,
  cause             text        NOT NULL
                      CHECK (cause IN ('missing_ours', 'missing_theirs', 'amount_differs')),
  kind              text        NOT NULL CHECK (kind IN ('payment', 'refund')),
  provider_ref      text        NOT NULL,
  out_trade_no      text        NOT NULL DEFAULT '',
  out_refund_no     text        NOT NULL DEFAULT '',
  our_amount_fen    bigint      NULL,
  their_amount_fen  bigint      NULL,
  ledger_id         bigint      NULL,
  order_id          uuid        NULL,
  institution_id    uuid        NULL,
  at                timestamptz NULL,
  first_seen_at     timestamptz NOT NULL,
  CONSTRAINT billing_recon_mismatch_once UNIQUE (run_id, key)
);
CREATE INDEX billing_recon_mismatch_day ON billing_recon_mismatch (day DESC, provider);
"""

BACKWARDS = """
DROP TABLE billing_recon_mismatch;
DROP TABLE billing_recon_run;
DROP TABLE billing_his_bill;
DROP TABLE local_his_refund;
DROP TABLE local_his_charge_item;
DROP TABLE local_his_bill;
DROP TABLE local_his_visit;
DROP SEQUENCE local_his_bill_seq;
DROP SEQUENCE local_his_visit_seq;
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
