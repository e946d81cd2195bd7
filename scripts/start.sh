#!/usr/bin/env bash
# Runs the product locally (README: `npm start`): installs packages, makes sure MariaDB and
# Redis are up (installing them from Debian if missing), CJK fonts for rendered posters,
# creates local dev keys once,
# migrates and seeds the demo city, builds the H5 mini-program and serves it with the BFF.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

npm install --no-audit --no-fund --loglevel=error
bash scripts/services.sh
# CJK fonts for the PNG posters and paper codes the BFF renders.
if ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  echo "[start] installing CJK fonts from Debian" >&2
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-noto-cjk >/dev/null || echo "[start] no CJK fonts: PNG posters will lack their text (SVG posters are fine)" >&2
fi
bash scripts/dev-env.sh
set -a
# shellcheck disable=SC1091
. .yima/dev.env
set +a
# MYSQL_URL (the BFF's own account) and MYSQL_ADMIN_URL (root: migrations and grants) come
# from .yima/dev.env.
export PORT="${PORT:-8080}" HOST="${HOST:-127.0.0.1}"
export REQUEST_LOG_SAMPLE="${REQUEST_LOG_SAMPLE:-1}" # locally, see every request

echo "[start] building the H5 mini-program"
NODE_ENV=production YIMA_API_BASE= npm run build:h5 --silent >/dev/null
npx tsx bff/src/cli/seed.ts

cat <<MSG

  Yima is starting at http://${HOST}:${PORT}/
  Dev SMS codes are not sent; read them with:
    curl 'http://${HOST}:${PORT}/api/dev/sms-outbox?phone=13900000000'
  Stop with Ctrl-C.

MSG
export STATIC_DIR="$PWD/miniprogram/dist/h5"
exec npx tsx bff/src/server.ts
