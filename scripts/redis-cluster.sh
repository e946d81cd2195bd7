#!/usr/bin/env bash
# A local 3-master Redis Cluster on loopback for the integration suite's cluster run
# (issue 14, docs/decisions/0030-redis-cluster.md): `bash scripts/redis-cluster.sh start`
# starts (or reuses) it and prints its nodes as `REDIS_CLUSTER_NODES` wants them;
# `stop` stops it and removes its files. Ports: REDIS_CLUSTER_PORT (first, default 7101) and
# the next two. Idempotent. Nothing is persisted: the suite empties it before each test.
set -euo pipefail

first=${REDIS_CLUSTER_PORT:-7101}
ports=("$first" "$((first + 1))" "$((first + 2))")
dir=${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/yima-redis-cluster-$first}
log() { printf '[redis-cluster] %s\n' "$*" >&2; }
nodes() { local IFS=,; echo "${ports[*]/#/127.0.0.1:}"; }
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
state_ok() { cli "${ports[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }

case "${1:-start}" in
  start)
    if state_ok && [ "$(cli "${ports[0]}" cluster info | sed -n 's/^cluster_known_nodes:\([0-9]*\).*/\1/p')" = 3 ]; then
      nodes
      exit 0
    fi
    mkdir -p "$dir"
    for p in "${ports[@]}"; do
      if ! cli "$p" ping >/dev/null 2>&1; then
        # No snapshots, no append-only file: a test cluster, emptied by the suite anyway.
        redis-server --port "$p" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
          --cluster-enabled yes --cluster-config-file "nodes-$p.conf" --cluster-node-timeout 2000 \
          --save '' --appendonly no --logfile "$dir/redis-$p.log" >/dev/null
      fi
    done
    for p in "${ports[@]}"; do
      for _ in $(seq 1 50); do cli "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
    done
    if ! state_ok; then
      log "creating the cluster on ports ${ports[*]}"
      # Nodes left from an earlier, half-made cluster would refuse to join a new one.
      for p in "${ports[@]}"; do cli "$p" flushall >/dev/null; cli "$p" cluster reset hard >/dev/null; done
      redis-cli --cluster create $(for p in "${ports[@]}"; do printf '127.0.0.1:%s ' "$p"; done) --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 ||
        { cat "$dir/create.log" >&2; exit 1; }
    fi
    for _ in $(seq 1 100); do state_ok && break; sleep 0.1; done
    state_ok || { log "the cluster did not reach state ok"; exit 1; }
    nodes
    ;;
  stop)
    for p in "${ports[@]}"; do cli "$p" shutdown nosave >/dev/null 2>&1 || true; done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
