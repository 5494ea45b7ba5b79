"""Medical insurance (医保 mobile payment).

The local 医保 centre's side of the world (``local_insurance_*``, the sandbox behind
``integrations.insurance.local``): its policy per 统筹区 (rules as JSON), the institutions it
designated and their level, its catalogue, the insured persons (PII encrypted, blind-indexed) and
their year so far, uploads/settlements and refunds, the fault plan tests and demos use, the
settlement notices it sends us, and its SM2 signing key.

Our side (``billing_insurance*``): one row per pre-settlement of an order (what the centre said
the fund, the personal account and the patient pay, per line) through settlement and refunds,
and one row per insurance part of a refund."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "medical insurance: the local 医保 centre's tables and billing's settlement records"

FORWARDS = """
CREATE SEQUENCE local_insurance_seq;

CREATE TABLE local_insurance_area (
  area_code        text        PRIMARY KEY,
  name             text        NOT NULL,
  rules            jsonb       NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO local_insurance_area (area_code, name) VALUES ('339900', '青溪县医保统筹区');

CREATE TABLE local_insurance_institution (
  code             text        PRIMARY KEY,
  name             text        NOT NULL,
  level            text        NOT NULL CHECK (level IN ('primary', 'secondary', 'tertiary')),
  designated       boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE local_insurance_catalogue (
  code             text        PRIMARY KEY,
  name             text        NOT NULL,
  class            text        NOT NULL CHECK (class IN ('A', 'B', 'C'))
);

CREATE TABLE local_insurance_person (
  psn_no              text        PRIMARY KEY,
  card_no             text        NOT NULL UNIQUE,
  id_number_enc       bytea       NOT NULL,
  id_number_bidx      text        NOT NULL UNIQUE,
  name_enc            bytea       NOT NULL,
  insured_type        text        NOT NULL CHECK (insured_type IN ('employee', 'resident')),
  area_code           text        NOT NULL REFERENCES local_insurance_area (area_code),
  status              text        NOT NULL CHECK (status IN ('active', 'frozen', 'terminated')),
  account_balance_fen bigint      NOT NULL DEFAULT 0 CHECK (account_balance_fen >= 0),
  created_at          timestamptz NOT NULL DEFAULT now()
);

-- The person's year so far per visit type: deductible used and what the fund paid (the cap).
CREATE TABLE local_insurance_year (
  psn_no              text        NOT NULL REFERENCES local_insurance_person (psn_no),
  year                integer     NOT NULL,
  visit_type          text        NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient')),
  deductible_used_fen bigint      NOT NULL DEFAULT 0 CHECK (deductible_used_fen >= 0),
  fund_paid_fen       bigint      NOT NULL DEFAULT 0 CHECK (fund_paid_fen >= 0),
  PRIMARY KEY (psn_no, year, visit_type)
);

CREATE TABLE local_insurance_settlement (
  pay_order_id         text        PRIMARY KEY,
  med_org_order_no     text        NOT NULL UNIQUE,
  institution_code     text        NOT NULL REFERENCES local_insurance_institution (code),
  psn_no               text        NOT NULL REFERENCES local_insurance_person (psn_no),
  visit_type           text        NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient')),
  use_account          boolean     NOT NULL,
  state                text        NOT NULL CHECK (state IN ('uploaded', 'pre_settled', 'settled',
                         'revoked', 'reversed')),
  lines                jsonb       NOT NULL,
  shares               jsonb       NULL,
  total_fen            bigint      NOT NULL CHECK (total_fen >= 0),
  fund_fen             bigint      NOT NULL DEFAULT 0 CHECK (fund_fen >= 0),
  account_fen          bigint      NOT NULL DEFAULT 0 CHECK (account_fen >= 0),
  cash_fen             bigint      NOT NULL DEFAULT 0 CHECK (cash_fen >= 0),
  deductible_fen       bigint      NOT NULL DEFAULT 0 CHECK (deductible_fen >= 0),
  year                 integer     NULL,
  setl_id              text        NULL UNIQUE,
  cash_payment_ref     text        NULL,
  settled_at           timestamptz NULL,
  refunded_fen         bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  refunded_fund_fen    bigint      NOT NULL DEFAULT 0 CHECK (refunded_fund_fen >= 0),
  refunded_account_fen bigint      NOT NULL DEFAULT 0 CHECK (refunded_account_fen >= 0),
  notify_url           text        NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT local_insurance_settlement_shares
    CHECK (state = 'uploaded' OR fund_fen + account_fen + cash_fen = total_fen),
  CONSTRAINT local_insurance_settlement_refunds
    CHECK (refunded_fen <= total_fen AND refunded_fund_fen <= fund_fen
           AND refunded_account_fen <= account_fen)
);
CREATE INDEX local_insurance_settlement_person ON local_insurance_settlement (psn_no, created_at);

CREATE TABLE local_insurance_refund (
  out_refund_no    text        PRIMARY KEY,
  refund_id        text        NOT NULL UNIQUE,
  pay_order_id     text        NOT NULL REFERENCES local_insurance_settlement (pay_order_id),
  fund_fen         bigint      NOT NULL CHECK (fund_fen >= 0),
  account_fen      bigint      NOT NULL CHECK (account_fen >= 0),
  lines            jsonb       NOT NULL,
  reason           text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- What the sandbox should get wrong next for one person (tests, demos): the next ``remaining``
-- calls of ``operation`` time out before doing anything, or after doing it (the answer is lost).
CREATE TABLE local_insurance_fault (
  id               bigserial   PRIMARY KEY,
  psn_no           text        NOT NULL REFERENCES local_insurance_person (psn_no),
  operation        text        NOT NULL CHECK (operation IN ('find', 'upload', 'pre_settle', 'settle',
                     'query', 'revoke', 'refund')),
  fault            text        NOT NULL CHECK (fault IN ('timeout_before', 'timeout_after')),
  remaining        integer     NOT NULL CHECK (remaining >= 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_insurance_fault_live ON local_insurance_fault (psn_no, operation) WHERE remaining > 0;

-- 结算通知 the centre sends to our notify endpoint, signed, retried until acknowledged.
CREATE TABLE local_insurance_notice (
  id               bigserial   PRIMARY KEY,
  notify_id        text        NOT NULL UNIQUE,
  pay_order_id     text        NOT NULL REFERENCES local_insurance_settlement (pay_order_id),
  kind             text        NOT NULL CHECK (kind IN ('settled', 'refunded')),
  body             text        NOT NULL,
  notify_url       text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('queued', 'delivered', 'dead')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text        NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz NULL
);
CREATE INDEX local_insurance_notice_due ON local_insurance_notice (next_attempt_at) WHERE status = 'queued';

CREATE TABLE local_insurance_key (
  id               text        PRIMARY KEY,
  private_key      text        NOT NULL,
  public_key       text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Our side: one row per pre-settlement of an order; at most one live (pre-settled or settled).
CREATE TABLE billing_insurance (
  id                   uuid        PRIMARY KEY,
  order_id             uuid        NOT NULL REFERENCES billing_order (id),
  provider             text        NOT NULL,
  status               text        NOT NULL CHECK (status IN ('pre_settled', 'settled', 'failed',
                         'revoked', 'reversed')),
  status_reason        text        NOT NULL DEFAULT '',
  psn_no               text        NOT NULL,
  insured_type         text        NOT NULL,
  card_no_masked       text        NOT NULL,
  visit_type           text        NOT NULL,
  level                text        NOT NULL,
  med_org_order_no     text        NOT NULL UNIQUE,
  pay_order_id         text        NOT NULL,
  use_account          boolean     NOT NULL,
  total_fen            bigint      NOT NULL CHECK (total_fen > 0),
  fund_fen             bigint      NOT NULL CHECK (fund_fen >= 0),
  account_fen          bigint      NOT NULL CHECK (account_fen >= 0),
  cash_fen             bigint      NOT NULL CHECK (cash_fen >= 0),
  eligible_fen         bigint      NOT NULL,
  first_self_pay_fen   bigint      NOT NULL,
  uncovered_fen        bigint      NOT NULL,
  deductible_fen       bigint      NOT NULL,
  ratio_bp             integer     NOT NULL,
  capped               boolean     NOT NULL,
  lines                jsonb       NOT NULL,
  setl_id              text        NULL,
  cash_payment_ref     text        NOT NULL DEFAULT '',
  refunded_fund_fen    bigint      NOT NULL DEFAULT 0 CHECK (refunded_fund_fen >= 0),
  refunded_account_fen bigint      NOT NULL DEFAULT 0 CHECK (refunded_account_fen >= 0),
  -- The centre still holds an upload we gave up on (revoke it there; the worker retries).
  centre_open          boolean     NOT NULL DEFAULT true,
  settle_attempts      integer     NOT NULL DEFAULT 0,
  next_attempt_at      timestamptz NULL,
  created_by           text        NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  settled_at           timestamptz NULL,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_insurance_centre_order UNIQUE (provider, pay_order_id),
  CONSTRAINT billing_insurance_shares CHECK (fund_fen + account_fen + cash_fen = total_fen),
  CONSTRAINT billing_insurance_refunds
    CHECK (refunded_fund_fen <= fund_fen AND refunded_account_fen <= account_fen)
);
CREATE UNIQUE INDEX billing_insurance_one_live ON billing_insurance (order_id)
  WHERE status IN ('pre_settled', 'settled');
CREATE INDEX billing_insurance_due ON billing_insurance (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX billing_insurance_open ON billing_insurance (updated_at)
  WHERE centre_open AND status IN ('revoked', 'failed');

-- The insurance part of one refund of an insured order (fund and account per line; a refund of
-- cash-only lines is recorded too, with zeros, so later refunds of a line split correctly).
CREATE TABLE billing_insurance_refund (
  id               uuid        PRIMARY KEY,
  insurance_id     uuid        NOT NULL REFERENCES billing_insurance (id),
  refund_id        uuid        NOT NULL UNIQUE REFERENCES billing_refund (id),
  out_refund_no    text        NOT NULL UNIQUE,
  amount_fen       bigint      NOT NULL CHECK (amount_fen > 0),
  fund_fen         bigint      NOT NULL CHECK (fund_fen >= 0),
  account_fen      bigint      NOT NULL CHECK (account_fen >= 0),
  lines            jsonb       NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  centre_refund_id text        NULL,
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NULL,
  failure_reason   text        NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz NULL,
  CONSTRAINT billing_insurance_refund_parts CHECK (fund_fen + account_fen <= amount_fen)
);
CREATE INDEX billing_insurance_refund_of ON billing_insurance_refund (insurance_id);
CREATE INDEX billing_insurance_refund_due ON billing_insurance_refund (next_attempt_at)
  WHERE status = 'pending';
"""

BACKWARDS = """
DROP TABLE billing_insurance_refund;
DROP TABLE billing_insurance;
DROP TABLE local_insurance_key;
DROP TABLE local_insurance_notice;
DROP TABLE local_insurance_fault;
DROP TABLE local_insurance_refund;
DROP TABLE local_insurance_settlement;
DROP TABLE local_insurance_year;
DROP TABLE local_insurance_person;
DROP TABLE local_insurance_catalogue;
DROP TABLE local_insurance_institution;
DROP TABLE local_insurance_area;
DROP SEQUENCE local_insurance_seq;
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
