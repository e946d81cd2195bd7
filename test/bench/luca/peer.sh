#!/usr/bin/env bash
# luca's backend (LexaTRex/luca_webserver, commit 49b7087) as a benchmark peer, on loopback.
#
#   npm run peer:luca -- setup   source, npm install, PostgreSQL cluster, Redis, migrate, seed
#   npm run peer:luca -- start   start PostgreSQL, Redis and `node src` (NODE_ENV=production)
#   npm run peer:luca -- stop    stop all three (only what this script started, by pid)
#   npm run peer:luca -- status  what runs, and the environment file the benchmark reads
#
# Everything lives in LUCA_WORK (default ${TMPDIR:-/tmp}/yima-luca): the source snapshot, its
# node_modules, the PostgreSQL cluster, the Redis files, logs and `env` (read by peerLuca.ts).
# The source is an input, like a data set: a git directory holding LexaTRex/luca_webserver
# (LUCA_GIT_DIR; default the snapshot this project's machines mirror at
# /work/.mirror/LexaTRex+luca_webserver/repo), or an already extracted services/backend
# (LUCA_SRC). See docs/peer-luca.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LUCA_WORK="${LUCA_WORK:-${TMPDIR:-/tmp}/yima-luca}"
LUCA_COMMIT="${LUCA_COMMIT:-49b7087}"
LUCA_GIT_DIR="${LUCA_GIT_DIR:-/work/.mirror/LexaTRex+luca_webserver/repo}"
# Its Sequelize config has no port setting: PostgreSQL must be on 5432. A loopback address of
# its own keeps it clear of any PostgreSQL already on 127.0.0.1:5432.
PG_HOST="${LUCA_PG_HOST:-127.0.0.2}"
PG_BIN="${PG_BIN:-}"
REDIS_PORT="${LUCA_REDIS_PORT:-6390}"
LUCA_PORT="${LUCA_PORT:-8090}"
BACKEND="$LUCA_WORK/src/services/backend"
PGDATA="$LUCA_WORK/pg"
PGSOCK="$LUCA_WORK/pgrun" # sockets and log, owned by the cluster's account

log() { printf '[peer:luca] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# PostgreSQL refuses to run as root: its cluster belongs to the postgres account when we are root.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.3
  done
}

find_pg_bin() {
  if [ -z "$PG_BIN" ]; then
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  fi
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    log "installing Debian's PostgreSQL"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
}

secret() { # a password kept in LUCA_WORK, made once
  local f="$LUCA_WORK/$1.secret"
  [ -s "$f" ] || node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url'))" >"$f"
  cat "$f"
}

write_env() {
  cat >"$LUCA_WORK/env" <<ENV
NODE_ENV=production
PORT=$LUCA_PORT
DB_HOSTNAME=$PG_HOST
DB_HOSTNAME_READ1=$PG_HOST
DB_HOSTNAME_READ2=$PG_HOST
DB_HOSTNAME_READ3=$PG_HOST
DB_USERNAME=luca
DB_PASSWORD=$(secret pg)
DB_DATABASE=luca-backend
REDIS_HOSTNAME=127.0.0.1:$REDIS_PORT
REDIS_PASSWORD=$(secret redis)
COOKIES_SECRET=$(secret cookies)
LOGLEVEL=info
ENV
}

load_env() { set -a; . "$LUCA_WORK/env"; set +a; }

pg_up() { as_pg "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p 5432; }
redis_up() { REDISCLI_AUTH="$(secret redis)" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
luca_up() { curl -fs -o /dev/null "http://127.0.0.1:$LUCA_PORT/api/v3/timesync"; }

start_pg() {
  find_pg_bin
  pg_up && return 0
  if ss -ltn 2>/dev/null | grep -qE "[[:space:]]$PG_HOST:5432[[:space:]]"; then die "$PG_HOST:5432 is taken by another server: set LUCA_PG_HOST to another loopback address"; fi
  log "starting PostgreSQL on $PG_HOST:5432"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGSOCK/postgres.log" -w -t 60 \
    -o "-c listen_addresses=$PG_HOST -c port=5432 -c unix_socket_directories=$PGSOCK" start >/dev/null
}

start_redis() {
  redis_up && return 0
  command -v redis-server >/dev/null || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server redis-tools >/dev/null; }
  log "starting Redis on 127.0.0.1:$REDIS_PORT (with a password)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --requirepass "$(secret redis)" \
    --save "" --appendonly no --dir "$LUCA_WORK" --pidfile "$LUCA_WORK/redis.pid" --logfile "$LUCA_WORK/redis.log" >/dev/null
  wait_for 15 redis_up || die "Redis did not come up ($LUCA_WORK/redis.log)"
}

start_luca() {
  luca_up && return 0
  load_env
  log "starting luca's backend on 127.0.0.1:$LUCA_PORT (NODE_ENV=production node src)"
  # bind-loopback.cjs: its server.listen(port) would bind every interface; keep it on 127.0.0.1.
  # Its own session (it outlives this script); the pid file holds node's own pid.
  # No descriptor of this script's stays open in it (a caller reading our output would wait).
  (cd "$BACKEND" && exec setsid bash -c 'echo $$ >"$1"; exec node -r "$2" src' _ "$LUCA_WORK/luca.pid" "$HERE/bind-loopback.cjs") >>"$LUCA_WORK/luca.log" 2>&1 </dev/null &
  wait_for 60 luca_up || die "luca did not come up (tail $LUCA_WORK/luca.log)"
}

setup() {
  mkdir -p "$LUCA_WORK"
  command -v node >/dev/null || die "node is needed"
  find_pg_bin

  # 1. The source snapshot.
  if [ ! -f "$BACKEND/package.json" ]; then
    mkdir -p "$LUCA_WORK/src"
    if [ -n "${LUCA_SRC:-}" ]; then
      cp -r "$LUCA_SRC" "$BACKEND.tmp" && mkdir -p "$(dirname "$BACKEND")" && mv "$BACKEND.tmp" "$BACKEND"
    elif git --git-dir="$LUCA_GIT_DIR" cat-file -e "$LUCA_COMMIT^{commit}" 2>/dev/null; then
      log "extracting services/backend at $LUCA_COMMIT from $LUCA_GIT_DIR"
      git --git-dir="$LUCA_GIT_DIR" archive "$LUCA_COMMIT" services/backend LICENSE | tar -x -C "$LUCA_WORK/src"
    else
      die "no luca source: set LUCA_GIT_DIR to a git directory of LexaTRex/luca_webserver holding $LUCA_COMMIT, or LUCA_SRC to its services/backend (docs/peer-luca.md)"
    fi
    # @lucaapp/crypto@1.0.3 is gone from the npm registry: a local stand-in (test/bench/luca/lucaapp-crypto).
    rm -rf "$LUCA_WORK/src/lucaapp-crypto" && cp -r "$HERE/lucaapp-crypto" "$LUCA_WORK/src/lucaapp-crypto"
    (cd "$BACKEND" && node -e "
      const fs = require('fs');
      const p = JSON.parse(fs.readFileSync('package.json', 'utf8'));
      p.dependencies['@lucaapp/crypto'] = 'file:../../lucaapp-crypto';
      fs.writeFileSync('package.json', JSON.stringify(p, null, 2) + '\n');
      const lock = fs.readFileSync('yarn.lock', 'utf8');
      fs.writeFileSync('yarn.lock', lock.replace(/\n\"@lucaapp\/crypto@1\.0\.3\":\n(  .*\n)+/, '\n'));
    ")
    # Two files its Docker build generates.
    printf '{"commit":"%s","version":"49b7087-yima-peer"}\n' "$LUCA_COMMIT" >"$BACKEND/version.json"
    printf 'luca_webserver %s, installed for a benchmark; see its package.json for the licenses of its dependencies.\n' "$LUCA_COMMIT" >"$BACKEND/licenses-full.txt"
  fi

  # 2. Its dependencies, at its yarn.lock versions (npm reads yarn.lock), from the npm registry.
  if [ ! -d "$BACKEND/node_modules/sequelize" ]; then
    log "npm install (production dependencies, yarn.lock versions)"
    (cd "$BACKEND" && npm install --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error)
  fi

  # 3. Its own PostgreSQL cluster, default durability (fsync, synchronous_commit on).
  write_env
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initdb $PGDATA"
    mkdir -p "$PGDATA" "$PGSOCK"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$PGDATA" "$PGSOCK"
    chmod 700 "$PGDATA"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PGSOCK"
  start_pg
  local psql=("$PG_BIN/psql" -h "$PGSOCK" -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$(as_pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'luca'")" != 1 ]; then
    as_pg "${psql[@]}" -c "CREATE ROLE luca LOGIN PASSWORD '$(secret pg)'"
    as_pg "${psql[@]}" -c 'CREATE DATABASE "luca-backend" OWNER luca'
  fi

  # 4. Redis with a password (rate limiting needs it to start; check-in never uses it).
  start_redis

  # 5. Schema and development data with its own sequelize commands.
  load_env
  (cd "$BACKEND" && npx --no-install sequelize db:migrate >>"$LUCA_WORK/migrate.log" 2>&1) || die "migration failed ($LUCA_WORK/migrate.log)"
  if [ "$(as_pg "${psql[@]}" -d luca-backend -c "SELECT count(*) FROM \"Operators\"")" = 0 ]; then
    (cd "$BACKEND" && npx --no-install sequelize db:seed --seed createDevelopmentData.js >>"$LUCA_WORK/migrate.log" 2>&1) || die "seed failed ($LUCA_WORK/migrate.log)"
  fi
  start_luca
  log "ready: http://127.0.0.1:$LUCA_PORT (environment in $LUCA_WORK/env)"
}

stop_all() {
  if [ -s "$LUCA_WORK/luca.pid" ]; then
    # Its SIGTERM handler waits 15 s before it exits (src/utils/lifecycle.js).
    local pid; pid="$(cat "$LUCA_WORK/luca.pid")"
    if kill "$pid" 2>/dev/null; then wait_for 25 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$LUCA_WORK/luca.pid"
  fi
  if [ -s "$LUCA_WORK/redis.pid" ]; then kill "$(cat "$LUCA_WORK/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$PGDATA/postmaster.pid" ]; then find_pg_bin; as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true; fi
  log "stopped"
}

case "${1:-}" in
  setup) setup ;;
  start) [ -f "$LUCA_WORK/env" ] || die "run setup first"; find_pg_bin; start_pg; start_redis; start_luca; log "ready: http://127.0.0.1:$LUCA_PORT" ;;
  stop) stop_all ;;
  status)
    find_pg_bin
    pg_up && log "PostgreSQL $PG_HOST:5432 up" || log "PostgreSQL down"
    redis_up && log "Redis 127.0.0.1:$REDIS_PORT up" || log "Redis down"
    luca_up && log "luca 127.0.0.1:$LUCA_PORT up" || log "luca down"
    echo "$LUCA_WORK/env" ;;
  *) echo "usage: $0 setup|start|stop|status" >&2; exit 2 ;;
esac
