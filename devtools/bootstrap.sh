#!/usr/bin/env bash
# Make sure uv exists (installing it with pip when missing) and the workspace virtualenv (.venv)
# matches uv.lock. Every Makefile target that needs .venv runs this first; it is a ~0.3 s no-op
# when nothing changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "[bootstrap] $*" >&2; }

find_uv() {
  if command -v uv >/dev/null 2>&1; then command -v uv; return 0; fi
  local user_base c
  user_base=$("$SYSTEM_PY" -m site --user-base 2>/dev/null || true)
  for c in "${HOME:-/root}/.local/bin/uv" "${user_base:+$user_base/bin/uv}" "${HOME:-/root}/.cargo/bin/uv" /usr/local/bin/uv; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}

# Install uv with the system Python, never into an active virtualenv (uv sync would remove it).
unset VIRTUAL_ENV
SYSTEM_PY=""
for c in python3.11 python3 python; do
  if p=$(command -v "$c" 2>/dev/null) && [[ "$p" != "$PWD/.venv/"* ]]; then SYSTEM_PY=$p; break; fi
done

UV=$(find_uv || true)
if [ -z "$UV" ]; then
  [ -n "$SYSTEM_PY" ] || { say "neither uv nor python3 found: install Python 3.11 (apt-get install python3)"; exit 1; }
  say "uv not found; installing it with pip ($SYSTEM_PY) ..."
  if ! "$SYSTEM_PY" -m pip --version >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "pip is missing; installing python3-pip with apt-get ..."
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q --no-install-recommends python3-pip \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends python3-pip; }
    else
      say "pip is missing: install it (sudo apt-get install python3-pip) or install uv (https://docs.astral.sh/uv/)"
      exit 1
    fi
  fi
  # Debian 12 marks the system Python as externally managed (PEP 668), hence the fallbacks.
  "$SYSTEM_PY" -m pip install -q --user uv \
    || "$SYSTEM_PY" -m pip install -q --user --break-system-packages uv \
    || "$SYSTEM_PY" -m pip install -q uv \
    || "$SYSTEM_PY" -m pip install -q --break-system-packages uv
  UV=$(find_uv) || { say "uv was installed but is not on PATH nor in ~/.local/bin"; exit 1; }
  say "using $UV"
fi

# Node.js runs the TypeScript SDK generator and tsc (make sdk, and the drift check in make test).
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Node.js/npm not found; installing Debian's nodejs and npm ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends nodejs npm \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends nodejs npm; }
  else
    say "Node.js with npm is needed for the TypeScript SDK: sudo apt-get install nodejs npm"
  fi
fi

# A CJK TrueType font: kiosk slips embed it so Chinese prints on any printer (kit/cjkfont.py).
if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "no Chinese font found; installing Debian's fonts-wqy-microhei ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends fonts-wqy-microhei \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends fonts-wqy-microhei; }
  else
    say "kiosk slips need a Chinese font: sudo apt-get install fonts-wqy-microhei"
  fi
fi

"$UV" sync --frozen --quiet
