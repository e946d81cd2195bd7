#!/usr/bin/env bash
# Runs the product locally (README: `npm start`): installs packages, makes sure MariaDB and
# Redis are up (installing them from Debian if missing), CJK fonts for rendered posters,
# creates local dev keys once,
# migrates and seeds the demo city, builds the H5 mini-program and serves it with the BFF.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# One line per step, with how long it took: the first run installs for minutes, and a silent
# terminal looks hung. Long outputs (npm, webpack) go to .yima/logs/, shown only on failure.
mkdir -p .yima/logs
STEP=0
STEPS=6
step() { STEP=$((STEP + 1)); STEP_START=$SECONDS; printf '[start] %d/%d %s… ' "$STEP" "$STEPS" "$1" >&2; }
done_step() { printf 'done (%ds)\n' "$((SECONDS - STEP_START))" >&2; }
# run_logged LOG CMD...: runs CMD with its output in LOG; on failure prints the log's tail.
run_logged() {
  local log=".yima/logs/$1"; shift
  if ! "$@" >"$log" 2>&1; then
    printf 'failed\n' >&2; tail -n 40 "$log" >&2; echo "[start] the whole output is in $log" >&2; exit 1
  fi
}
# Whether CJK fonts are installed. Not `fc-list | grep -q` under pipefail: grep -q stops at the
# first match, fc-list then dies of SIGPIPE and the pipeline "fails" (2 runs in 5 reinstalled).
has_cjk_fonts() { local fonts; fonts=$(fc-list 2>/dev/null || true); grep -qi 'noto.*cjk' <<<"$fonts"; }

step "installing npm packages (the first run takes a few minutes)"
run_logged npm-install.log npm install --no-audit --no-fund --loglevel=error
done_step
step "starting MariaDB and Redis (installing them if missing)"
run_logged services.log bash scripts/services.sh
done_step
# CJK fonts for the PNG posters and paper codes the BFF renders.
step "checking CJK fonts"
if ! has_cjk_fonts; then
  printf 'installing from Debian… ' >&2
  { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-noto-cjk >/dev/null; } ||
    echo "[start] no CJK fonts: PNG posters will lack their text (SVG posters are fine)" >&2
fi
done_step
bash scripts/dev-env.sh
set -a
# shellcheck disable=SC1091
. .yima/dev.env
set +a
# MYSQL_URL (the BFF's own account) and MYSQL_ADMIN_URL (root: migrations and grants) come
# from .yima/dev.env.
export PORT="${PORT:-8080}" HOST="${HOST:-127.0.0.1}"
export REQUEST_LOG_SAMPLE="${REQUEST_LOG_SAMPLE:-1}" # locally, see every request

step "building the H5 mini-program"
NODE_ENV=production YIMA_API_BASE= run_logged build-h5.log npm run build:h5 --silent
done_step
step "migrating and seeding the demo city"
echo >&2
npx tsx bff/src/cli/seed.ts | sed 's/^/  /'
printf '[start] ' >&2
done_step
step "starting the BFF"
echo >&2
cat <<MSG

  Yima is starting at http://${HOST}:${PORT}/
  Dev SMS codes are not sent; read them with:
    curl 'http://${HOST}:${PORT}/api/dev/sms-outbox?phone=13900000000'
  Ready once http://${HOST}:${PORT}/readyz answers 200 (it names a store that is down or slow).
  Stop with Ctrl-C.

MSG
export STATIC_DIR="$PWD/miniprogram/dist/h5"
exec npx tsx bff/src/server.ts
