"""The local payment sandboxes' own side of the world (what WeChat Pay, Alipay, UnionPay, the e-CNY
operator and the credit-care platform keep at their end): trades, refunds, the queue of signed
callbacks they owe us, credit lines, and their keys. Nothing in billing reads these tables; it
talks to the sandboxes through the payment Protocol only (see integrations/payment/local)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:14:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "payment sandboxes: trades, refunds, callback queue, credit lines, keys"

FORWARDS = """
CREATE TABLE local_pay_key (
  provider       text        PRIMARY KEY,
  material_enc   bytea       NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- One payment order at the provider (统一下单), keyed like theirs by (merchant, out_trade_no).
CREATE TABLE local_pay_trade (
  id             uuid        PRIMARY KEY,
  provider       text        NOT NULL,
  out_trade_no   text        NOT NULL,
  merchant_ref   text        NOT NULL DEFAULT '',
  amount_fen     bigint      NOT NULL CHECK (amount_fen > 0),
  description    text        NOT NULL,
  channel        text        NOT NULL CHECK (channel IN ('mini_program', 'app', 'qr')),
  prepay_id      text        NOT NULL UNIQUE,
  code_url       text        NULL UNIQUE,
  notify_url     text        NOT NULL,
  payer_ref      text        NOT NULL DEFAULT '',
  state          text        NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'closed')),
  txn_id         text        NULL UNIQUE,
  failure_reason text        NOT NULL DEFAULT '',
  -- Refunds asked for and not failed: what is left to refund is amount_fen - refunded_fen.
  refunded_fen   bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  expires_at     timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  paid_at        timestamptz NULL,
  closed_at      timestamptz NULL,
  CONSTRAINT local_pay_trade_out_trade_no UNIQUE (provider, out_trade_no),
  CONSTRAINT local_pay_trade_paid CHECK ((state = 'succeeded') = (paid_at IS NOT NULL AND txn_id IS NOT NULL))
);
CREATE INDEX local_pay_trade_day ON local_pay_trade (provider, paid_at) WHERE state = 'succeeded';

CREATE TABLE local_pay_refund (
  id             uuid        PRIMARY KEY,
  provider       text        NOT NULL,
  out_refund_no  text        NOT NULL,
  trade_id       uuid        NOT NULL REFERENCES local_pay_trade (id),
  amount_fen     bigint      NOT NULL CHECK (amount_fen > 0),
  reason         text        NOT NULL DEFAULT '',
  state          text        NOT NULL CHECK (state IN ('processing', 'succeeded', 'failed')),
  -- What it will become when it settles (decided when it was asked for: the fault plan).
  outcome        text        NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  refund_id      text        NOT NULL UNIQUE,
  notify_url     text        NOT NULL,
  failure_reason text        NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  settles_at     timestamptz NOT NULL,
  finished_at    timestamptz NULL,
  CONSTRAINT local_pay_refund_out_refund_no UNIQUE (provider, out_refund_no)
);
CREATE INDEX local_pay_refund_due ON local_pay_refund (settles_at) WHERE state = 'processing';
CREATE INDEX local_pay_refund_day ON local_pay_refund (provider, finished_at) WHERE state = 'succeeded';

-- Callbacks the providers owe us: each is encoded and signed afresh at every delivery attempt.
CREATE TABLE local_pay_callback (
  id             bigserial   PRIMARY KEY,
  provider       text        NOT NULL,
  kind           text        NOT NULL CHECK (kind IN ('trade', 'refund')),
  reference      text        NOT NULL,
  notify_id      text        NOT NULL,
  url            text        NOT NULL,
  event          jsonb       NOT NULL,
  fault          text        NOT NULL DEFAULT '',
  status         text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered', 'abandoned')),
  attempts       integer     NOT NULL DEFAULT 0,
  due_at         timestamptz NOT NULL,
  lease_until    timestamptz NULL,
  last_status    integer     NULL,
  last_error     text        NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  delivered_at   timestamptz NULL
);
CREATE INDEX local_pay_callback_due ON local_pay_callback (due_at, id) WHERE status = 'queued';
CREATE INDEX local_pay_callback_reference ON local_pay_callback (provider, reference);

-- Credit care (信用就医): one credit line per enrolled patient at the credit platform.
CREATE TABLE local_pay_credit_line (
  payer_ref      text        PRIMARY KEY,
  limit_fen      bigint      NOT NULL CHECK (limit_fen >= 0),
  used_fen       bigint      NOT NULL DEFAULT 0 CHECK (used_fen >= 0),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
"""

BACKWARDS = """
DROP TABLE local_pay_credit_line;
DROP TABLE local_pay_callback;
DROP TABLE local_pay_refund;
DROP TABLE local_pay_trade;
DROP TABLE local_pay_key;
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
