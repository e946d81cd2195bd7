#!/usr/bin/env bash
# Makes sure MariaDB (127.0.0.1:3306, root with an empty password over TCP) and Redis
# (127.0.0.1:6379) answer: starts them if they are installed but down, installs Debian's
# packages if they are missing. Idempotent; safe to run before every start and test run.
set -euo pipefail

log() { printf '[services] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then apt_install redis-server redis-tools; fi
# Persistent (scripts/redis.conf: append-only file, fsync every second) so that a restarted
# Redis keeps every session (docs/decisions/0028); its files live in REDIS_DIR.
REDIS_DIR=${REDIS_DIR:-$HOME/.local/share/yima/redis}
if ! redis_up; then
  log "starting Redis (append-only file in $REDIS_DIR)"
  mkdir -p "$REDIS_DIR"
  redis-server "$(dirname "$0")/redis.conf" --daemonize yes --dir "$REDIS_DIR" >/dev/null
  wait_for 15 redis_up || { log "Redis did not come up"; exit 1; }
elif redis-cli -h 127.0.0.1 -p 6379 config get appendonly 2>/dev/null | grep -qx no; then
  # A Redis started before (by an older version of this script): switch its append-only
  # file on in place (Redis writes the file from memory in the background).
  log "switching Redis's append-only file on"
  redis-cli -h 127.0.0.1 -p 6379 config set appendfsync everysec >/dev/null
  redis-cli -h 127.0.0.1 -p 6379 config set appendonly yes >/dev/null
fi

tcp_root() { mariadb -h 127.0.0.1 -P 3306 -u root -e 'SELECT 1' 2>/dev/null || mysql -h 127.0.0.1 -P 3306 -u root -e 'SELECT 1'; }
socket_up() { mariadb-admin ping 2>/dev/null || mysqladmin ping; }
if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then apt_install mariadb-server mariadb-client; fi
if ! socket_up >/dev/null 2>&1 && ! tcp_root >/dev/null 2>&1; then
  log "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >/dev/null
  wait_for 60 socket_up || wait_for 5 tcp_root || { log "MariaDB did not come up"; exit 1; }
fi
if ! tcp_root >/dev/null 2>&1; then
  # A fresh Debian install lets root in only through the unix socket; open it for TCP
  # with an empty password as this project's machines have it (docs/taro-build-notes.md).
  log "opening MariaDB root for TCP on 127.0.0.1"
  as_root mariadb -u root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
  wait_for 5 tcp_root || { log "cannot connect to MariaDB as root over TCP"; exit 1; }
fi
log "MariaDB and Redis are up"
