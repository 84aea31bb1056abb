#!/usr/bin/env bash
# Lupaus as a cluster: NODES servers (3 by default) on one PostgreSQL database, HAProxy in front of
# them on one port, and the load command through HAProxy. Prints the load's figures and what each
# server decided, checks the chain through one server, and stops everything it started.
#
# Run from the project root after `mvn -B -q package -DskipTests`; it builds nothing and uses
#   web-console/target/lupaus.jar         (the server, as in the README)
#   examples/target/lupaus-examples.jar   (the load command)
# It uses the PostgreSQL answering on 127.0.0.1:5432 (user postgres, trusted), or starts Debian's
# cluster if one is installed and stopped; it makes (and at the end drops) the database
# lupaus_cluster. HAProxy is Debian's package: `apt-get install haproxy`.
#
#   examples/cluster/run.sh                          # 3 servers, 30,000 feedback after 10,000 warm-up
#   NODES=1 COUNT=20000 examples/cluster/run.sh      # the same through one server
set -euo pipefail

NODES=${NODES:-3}
COUNT=${COUNT:-30000}
WARMUP=${WARMUP:-10000}
CONNECTIONS=${CONNECTIONS:-64}
SEED=${SEED:-$RANDOM}
LB_PORT=${LB_PORT:-18100}
FIRST_PORT=${FIRST_PORT:-18101}
HEAP=${HEAP:-384m}
# Connections per server: all servers together stay within PostgreSQL's default max_connections of 100.
POOL=${POOL:-16}
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=${PG_USER:-postgres}
DATABASE=${DATABASE:-lupaus_cluster}
TOKEN=lupaus-cluster-admin-token
# Every server must share these two (docs/cluster.md): the CSRF tokens' key and the chain key
# (which also keys the audit log's customer pseudonyms, otherwise a file of each server's own).
SESSION_SECRET=lupaus-cluster-example-session-secret-0123456789
CHAIN_KEY=lupaus-cluster-example-chain-key-0123456789abcdef

SERVER_JAR=web-console/target/lupaus.jar
LOAD_JAR=examples/target/lupaus-examples.jar
for jar in "$SERVER_JAR" "$LOAD_JAR"; do
  if [[ ! -f $jar ]]; then
    echo "$jar is missing: run this from the project root after 'mvn -B -q package -DskipTests'" >&2
    exit 1
  fi
done
command -v haproxy > /dev/null || { echo "HAProxy is missing: apt-get install haproxy" >&2; exit 1; }

work=$(mktemp -d /tmp/lupaus-cluster.XXXXXX)
pids=()
started_postgres=""
stop_everything() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  psql -q -h $PG_HOST -p $PG_PORT -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" \
    > /dev/null 2>&1 || true
  if [[ -n $started_postgres ]]; then
    pg_ctlcluster $started_postgres stop || true
  fi
  echo "logs were in $work (removed)"
  rm -rf "$work"
}
trap stop_everything EXIT

if ! pg_isready -q -h $PG_HOST -p $PG_PORT; then
  cluster=$(pg_lsclusters --no-header 2> /dev/null | awk '$3 == 5432 { print $1 " " $2; exit }')
  if [[ -z $cluster ]]; then
    echo "no PostgreSQL answers on $PG_HOST:$PG_PORT and none is installed for that port" >&2
    exit 1
  fi
  pg_ctlcluster $cluster start
  started_postgres=$cluster
  until pg_isready -q -h $PG_HOST -p $PG_PORT; do sleep 0.5; done
fi
psql -q -h $PG_HOST -p $PG_PORT -U "$PG_USER" -d postgres \
  -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" -c "CREATE DATABASE $DATABASE"

start_node() {
  local n=$1 port=$((FIRST_PORT + $1 - 1))
  mkdir -p "$work/node$n"
  LUPAUS_HTTP_HOST=127.0.0.1 LUPAUS_HTTP_PORT=$port LUPAUS_DATA_DIR="$work/node$n" \
    LUPAUS_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DATABASE LUPAUS_DB_USER=$PG_USER \
    LUPAUS_BOOTSTRAP_TOKEN=$TOKEN LUPAUS_SESSION_SECRET=$SESSION_SECRET LUPAUS_CHAIN_KEY=$CHAIN_KEY \
    LUPAUS_LOG_ACTIONS=false LUPAUS_RATE_LIMIT=1000000 LUPAUS_DB_POOL_SIZE=$POOL \
    java -Xmx$HEAP -jar "$SERVER_JAR" > "$work/node$n.log" 2>&1 &
  pids+=($!)
}

wait_healthy() {
  local port=$1 deadline=$((SECONDS + 120))
  until curl -sf "http://127.0.0.1:$port/api/health" > /dev/null; do
    if ((SECONDS > deadline)); then
      echo "the server on port $port did not start; its log:" >&2
      tail -20 "$work"/node*.log >&2
      exit 1
    fi
    sleep 0.5
  done
}

# The first server makes the schema and the admin token; the others start together after it.
start_node 1
wait_healthy "$FIRST_PORT"
for ((n = 2; n <= NODES; n++)); do
  start_node "$n"
done
for ((n = 2; n <= NODES; n++)); do
  wait_healthy $((FIRST_PORT + n - 1))
done
echo "$NODES server(s) on ports $FIRST_PORT..$((FIRST_PORT + NODES - 1)), one database: $DATABASE"

{
  cat << CONFIG
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # Generous: on a busy machine a slow check would take a healthy server out of the rotation.
    timeout check 10s
    option http-keep-alive
listen stats
    bind 127.0.0.1:$((LB_PORT + 99))
    stats enable
    stats uri /stats
frontend lupaus
    bind 127.0.0.1:$LB_PORT
    default_backend servers
backend servers
    balance roundrobin
    option httpchk GET /api/ready
    # A request a server did not answer because it died is not sent again by HAProxy (it may
    # have been decided); the caller retries it with the same feedback id, which is idempotent.
CONFIG
  for ((n = 1; n <= NODES; n++)); do
    echo "    server node$n 127.0.0.1:$((FIRST_PORT + n - 1)) check inter 1s fall 5"
  done
} > "$work/haproxy.cfg"
haproxy -q -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$LB_PORT/api/health" > /dev/null; do sleep 0.2; done
echo "HAProxy on port $LB_PORT, round robin over them"

echo "== load through HAProxy: $CONNECTIONS connections, $COUNT feedback after $WARMUP warm-up, seed $SEED"
java -Xmx256m -jar "$LOAD_JAR" --url "http://127.0.0.1:$LB_PORT" --token "$TOKEN" --connections "$CONNECTIONS" \
  --warmup "$WARMUP" --count "$COUNT" --seed "$SEED" \
  | grep -E 'warm-up|decisions|latency|answers|failed|non-2xx|no answer|first error' || true

echo "== requests HAProxy sent each server, and the rule set live on each"
curl -sf "http://127.0.0.1:$((LB_PORT + 99))/stats;csv" | awk -F, '$1 == "servers" && $2 ~ /^node/ { print $2 ": " $8 " requests" }'
for ((n = 1; n <= NODES; n++)); do
  echo "node$n: $(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$((FIRST_PORT + n - 1))/api/rulesets" \
    | grep -o '"live":"[^"]*"')"
done

echo "== verify through node1: one chain written by all"
curl -sf -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$FIRST_PORT/api/audit/verify" | tail -1
echo
