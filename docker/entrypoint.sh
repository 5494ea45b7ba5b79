#!/bin/sh
# Runs one Yiqiao service: the first argument names it (see docker/Dockerfile); anything else is
# executed as given (e.g. `yiqiao verify-audit`).
set -eu

usage() {
  echo "usage: patient|clinician|kiosk|gateway|worker|migrate|seed|broker-files [dir]|gen-keys|<command>" >&2
  exit 64
}

[ $# -gt 0 ] || usage
service=$1
shift

case "$service" in
  patient|kiosk)
    # granian: ~1.5x uvicorn's requests/s on the same code (bench/booking_storm.py compares them).
    # Behind a reverse proxy, set FORWARDED_ALLOW_IPS to its address so client IPs (used for
    # rate limits and the audit log) come from X-Forwarded-For (bff_common/serve.py does it).
    export YIQIAO_BFF="$service" FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    exec granian --interface asgi --factory bff_common.serve:app \
      --host 0.0.0.0 --port "${PORT:-8000}" --workers "${WEB_CONCURRENCY:-1}" \
      --loop uvloop --no-access-log --workers-kill-timeout 20 "$@"
    ;;
  clinician)
    # uvicorn: its WebSockets (alarms and ward fan-out live on this BFF) carry ~1.6x granian's
    # messages/s (shared/notes/ecosystem.md: 7.4k vs 4.5k echo round trips/s).
    exec uvicorn "bff_${service}.app:create_app" --factory \
      --host 0.0.0.0 --port "${PORT:-8000}" --workers "${WEB_CONCURRENCY:-1}" \
      --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      --no-server-header --timeout-graceful-shutdown 20 "$@"
    ;;
  gateway) exec python -m device_gateway "$@" ;;
  worker) exec yiqiao worker "$@" ;;
  migrate) exec yiqiao migrate "$@" ;;
  seed) exec yiqiao seed "$@" ;;
  broker-files) exec yiqiao broker-files "${1:-/mosquitto/config}" ;;
  gen-keys)
    # Fresh secrets in docker/.env format (see docker/env.example). Never reuse them elsewhere.
    exec python - <<'PY'
import datetime
import secrets

from yiqiao.kit import sm2

kid = f"{datetime.date.today():%Y%m%d}-{secrets.token_hex(3)}"
print(f"POSTGRES_PASSWORD={secrets.token_urlsafe(24)}")
print(f"YQ_MQTT_GATEWAY_PASSWORD={secrets.token_urlsafe(24)}")
print(f"YQ_PII_KEY={secrets.token_hex(16)}")
print(f"YQ_BLIND_INDEX_KEY={secrets.token_hex(32)}")
print(f"YQ_QR_KEY={secrets.token_hex(32)}")
print(f"YQ_JWT_KEYS={kid}:{secrets.token_urlsafe(32)}")
print(f"YQ_JWT_ACTIVE_KID={kid}")
print(f"YQ_SM2_PRIVATE_KEY={sm2.generate_keypair().private_key}")
PY
    ;;
  -h|--help|help) usage ;;
  *) exec "$service" "$@" ;;
esac
