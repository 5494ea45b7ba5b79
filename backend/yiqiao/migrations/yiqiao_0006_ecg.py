"""Real-time ECG (004 §3.4.2.3, §3.7.5.2): ``ecg_block``, one row per block of samples a device
sent on ``devices/<code>/ecg``. Raw SQL, like the rest of monitoring (see
yiqiao/monitoring/tables.py)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-22T04:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "monitoring: ecg_block (real-time ECG sample blocks)"

FORWARDS = """
-- samples: the raw little-endian int16 samples, interleaved by lead (not base64). One block is
-- typically a second: 12 leads at 500 Hz is 12,000 bytes. A resent block (same seq) is stored once.
CREATE TABLE ecg_block (
  device_id      uuid             NOT NULL REFERENCES device (id),
  seq            bigint           NOT NULL,
  started_at     timestamptz      NOT NULL,
  received_at    timestamptz      NOT NULL DEFAULT now(),
  sample_rate_hz integer          NOT NULL CHECK (sample_rate_hz BETWEEN 125 AND 1000),
  leads          text[]           NOT NULL CHECK (cardinality(leads) BETWEEN 1 AND 12),
  scale_uv       double precision NOT NULL CHECK (scale_uv > 0),
  samples        bytea            NOT NULL,
  patient_id     uuid             NULL,
  department_id  uuid             NULL,
  PRIMARY KEY (device_id, seq),
  CONSTRAINT ecg_block_frames CHECK (length(samples) % (2 * cardinality(leads)) = 0)
);
-- Out of line, uncompressed. Measured on 12-lead 500 Hz 1 s blocks: ~14.4 kB a row either way
-- once the signal has realistic noise (pglz gives up; lz4 saves ~10 %), and storing uncompressed
-- ingested ~2.6x faster than the default (pglz tried on every block).
ALTER TABLE ecg_block ALTER COLUMN samples SET STORAGE EXTERNAL;
CREATE INDEX ecg_block_device_time ON ecg_block (device_id, started_at DESC);
CREATE INDEX ecg_block_patient_time ON ecg_block (patient_id, started_at DESC) WHERE patient_id IS NOT NULL;
"""

BACKWARDS = """
DROP TABLE ecg_block;
"""


async def run_script(sql: str) -> None:
    """Run several statements at once (asyncpg's simple query protocol), inside the migration's
    transaction when Piccolo opened one."""
    from yiqiao.piccolo_conf import DB

    txn = DB.current_transaction.get()
    if txn is not None:
        await txn.connection.execute(sql)
        return
    async with DB.transaction() as t:
        await t.connection.execute(sql)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="yiqiao", description=DESCRIPTION)

    async def run() -> None:
        await run_script(FORWARDS)

    async def run_backwards() -> None:
        await run_script(BACKWARDS)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
