"""Inpatient money (住院预交金, 每日清单, 出院结算).

Two sides of the world, as with the payment sandbox:

- the embedded HIS's inpatient records (``local_his_*``): admissions with ward and bed and the
  discharge-order state, the itemised charges the wards post day by day, which days' charging runs
  have been posted, and the HIS's deposit ledger (top-ups and the refund of the remainder);
- ours (``inpatient_*``): an admission as billing knows it (whose it is, its money state machine
  in ``billing.admission_lifecycle``, the frozen pre-settlement and the settlement), and each
  deposit top-up with who paid it (the patient's account, a family member's, someone else's
  代缴, a kiosk) beside the billing order that collected it.

Raw SQL like the rest of billing: the CHECKs keep the arithmetic honest."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from yiqiao.migrations.yiqiao_0007_scheduling import run_script

ID = "2026-11-22T06:17:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "inpatient: HIS admissions, daily charges and deposit ledger; admissions' money and deposits"

FORWARDS = """
CREATE SEQUENCE local_his_admission_seq START 1;
CREATE SEQUENCE local_his_deposit_seq START 1;

CREATE TABLE local_his_admission (
  id                    uuid        PRIMARY KEY,
  admission_no          text        NOT NULL UNIQUE,
  institution_code      text        NOT NULL,
  card_no               text        NOT NULL,
  name_enc              bytea       NOT NULL,
  id_number_enc         bytea       NOT NULL,
  id_number_bidx        text        NOT NULL,
  department            text        NOT NULL,
  ward                  text        NOT NULL,
  bed                   text        NOT NULL,
  insurance_type        text        NOT NULL DEFAULT 'self_pay'
                          CHECK (insurance_type IN ('employee', 'resident', 'self_pay')),
  charge_profile        text        NOT NULL DEFAULT 'general',
  admitted_at           timestamptz NOT NULL,
  status                text        NOT NULL CHECK (status IN ('in_stay', 'discharge_ordered',
                          'orders_verified', 'discharged')),
  discharge_ordered_at  timestamptz NULL,
  orders_verified_at    timestamptz NULL,
  discharged_at         timestamptz NULL,
  settlement_ref        text        NULL,
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_his_admission_person ON local_his_admission (id_number_bidx);
CREATE INDEX local_his_admission_open ON local_his_admission (admitted_at) WHERE status <> 'discharged';

-- 每日清单: one row per charged item per day. 'daily' lines come from the ward's charging run of
-- that day (posted once: local_his_charge_run); 'order' lines are posted as orders are executed.
CREATE TABLE local_his_charge (
  id               bigserial   PRIMARY KEY,
  admission_no     text        NOT NULL REFERENCES local_his_admission (admission_no),
  charge_day       date        NOT NULL,
  line_no          integer     NOT NULL,
  code             text        NOT NULL,
  name             text        NOT NULL,
  category         text        NOT NULL CHECK (category IN ('drug', 'herb', 'exam', 'lab', 'treatment',
                     'material', 'nursing', 'bed', 'consultation', 'other')),
  spec             text        NOT NULL DEFAULT '',
  unit             text        NOT NULL DEFAULT '',
  unit_fen         bigint      NOT NULL CHECK (unit_fen >= 0),
  quantity         integer     NOT NULL CHECK (quantity > 0),
  amount_fen       bigint      NOT NULL CHECK (amount_fen = unit_fen * quantity),
  insurance_class  text        NOT NULL CHECK (insurance_class IN ('A', 'B', 'C', 'self')),
  source           text        NOT NULL CHECK (source IN ('daily', 'order')),
  posted_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT local_his_charge_line UNIQUE (admission_no, charge_day, line_no)
);

CREATE TABLE local_his_charge_run (
  admission_no     text        NOT NULL REFERENCES local_his_admission (admission_no),
  charge_day       date        NOT NULL,
  posted_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (admission_no, charge_day)
);

-- The HIS's deposit ledger: + a top-up, - the remainder refunded at discharge. ``ref`` is the
-- caller's id for the movement (a repeated post with the same ref is the same movement).
CREATE TABLE local_his_deposit (
  id               bigserial   PRIMARY KEY,
  admission_no     text        NOT NULL REFERENCES local_his_admission (admission_no),
  receipt_no       text        NOT NULL UNIQUE,
  ref              text        NOT NULL UNIQUE,
  amount_fen       bigint      NOT NULL CHECK (amount_fen <> 0),
  posted_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_his_deposit_admission ON local_his_deposit (admission_no, posted_at);

CREATE TABLE inpatient_admission (
  id                  uuid        PRIMARY KEY,
  institution_id      uuid        NOT NULL REFERENCES institution (id),
  patient_id          uuid        NOT NULL REFERENCES patient (id),
  admission_no        text        NOT NULL UNIQUE,
  department          text        NOT NULL,
  ward                text        NOT NULL,
  bed                 text        NOT NULL,
  admitted_at         timestamptz NOT NULL,
  his_status          text        NOT NULL,
  status              text        NOT NULL CHECK (status IN ('in_stay', 'discharge_ordered', 'pre_settled',
                        'settling', 'settled')),
  status_reason       text        NOT NULL DEFAULT '',
  -- 出院预结算, frozen when it is run: every charge of the stay, the insurance fund's share and the
  -- patient's, the deposits then held, and what is still due (+) or to be refunded (-).
  charges_fen         bigint      NULL CHECK (charges_fen >= 0),
  insurance_fen       bigint      NULL CHECK (insurance_fen >= 0),
  self_pay_fen        bigint      NULL CHECK (self_pay_fen >= 0),
  deposits_fen        bigint      NULL CHECK (deposits_fen >= 0),
  presettled_at       timestamptz NULL,
  -- The insurance centre's side (医保, visit type inpatient): the upload it pre-settled, how many
  -- uploads there were, its settlement id once settled, or why the stay is all self-pay.
  insurance_pay_order_id text     NULL,
  insurance_uploads   integer     NOT NULL DEFAULT 0,
  insurance_setl_id   text        NULL,
  insurance_note      text        NOT NULL DEFAULT '',
  -- 出院结算: the order for the difference, or the remainder refunded to the deposits' paths.
  discharge_order_id  uuid        NULL REFERENCES billing_order (id),
  refund_fen          bigint      NOT NULL DEFAULT 0 CHECK (refund_fen >= 0),
  settled_at          timestamptz NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inpatient_admission_shares CHECK (charges_fen IS NULL
    OR (insurance_fen IS NOT NULL AND self_pay_fen IS NOT NULL
        AND insurance_fen + self_pay_fen = charges_fen)),
  CONSTRAINT inpatient_admission_presettled CHECK (status IN ('in_stay', 'discharge_ordered')
    OR charges_fen IS NOT NULL OR settled_at IS NOT NULL)
);
CREATE INDEX inpatient_admission_patient ON inpatient_admission (patient_id, admitted_at DESC);
CREATE INDEX inpatient_admission_open ON inpatient_admission (admitted_at) WHERE status <> 'settled';

-- One top-up: its id is the billing order's subject id ('inpatient_deposit', id). The row is
-- written first and the order made for it next (a row whose order never came is ignored: every
-- sum goes through the order's money columns).
CREATE TABLE inpatient_deposit (
  id                  uuid        PRIMARY KEY,
  admission_id        uuid        NOT NULL REFERENCES inpatient_admission (id),
  order_id            uuid        NULL UNIQUE REFERENCES billing_order (id),
  payer_kind          text        NOT NULL CHECK (payer_kind IN ('self', 'family', 'proxy', 'kiosk')),
  payer_account_id    uuid        NULL REFERENCES account (id),
  payer_masked        text        NOT NULL DEFAULT '',
  amount_fen          bigint      NOT NULL CHECK (amount_fen > 0),
  paid_at             timestamptz NULL,
  his_receipt_no      text        NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inpatient_deposit_proxy_payer CHECK (payer_kind <> 'proxy' OR payer_account_id IS NOT NULL)
);
CREATE INDEX inpatient_deposit_admission ON inpatient_deposit (admission_id, created_at DESC);
CREATE INDEX inpatient_deposit_payer ON inpatient_deposit (payer_account_id, created_at DESC)
  WHERE payer_kind = 'proxy';
"""

BACKWARDS = """
DROP TABLE inpatient_deposit;
DROP TABLE inpatient_admission;
DROP TABLE local_his_deposit;
DROP TABLE local_his_charge_run;
DROP TABLE local_his_charge;
DROP TABLE local_his_admission;
DROP SEQUENCE local_his_deposit_seq;
DROP SEQUENCE local_his_admission_seq;
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
