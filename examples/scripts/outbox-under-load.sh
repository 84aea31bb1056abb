#!/usr/bin/env bash
# Ingestion with the outbox's log handler off and on: the same load against a fresh store each
# time; then how long the outbox takes to deliver what is left. Run from the project root after
# `mvn -B -q package -DskipTests`.
set -euo pipefail

URL=${URL:-http://127.0.0.1:8080}
TOKEN=${TOKEN:-lupaus-bench-admin-token}
COUNT=${COUNT:-60000}

for log_actions in false true; do
  data=$(mktemp -d)
  LUPAUS_DATA_DIR=$data LUPAUS_LOG_ACTIONS=$log_actions LUPAUS_RATE_LIMIT=1000000 \
    LUPAUS_BOOTSTRAP_TOKEN=$TOKEN java -Xmx512m -jar web-console/target/lupaus.jar > "$data/server.log" 2>&1 &
  server=$!
  until curl -sf "$URL/api/health" > /dev/null; do sleep 0.5; done
  echo "== LUPAUS_LOG_ACTIONS=$log_actions"
  java -Xmx256m -jar examples/target/lupaus-examples.jar --url "$URL" --token "$TOKEN" --connections 32 \
    --warmup 10000 --count "$COUNT" | grep -E 'decisions/s|latency|failed'
  for wait in 0 10; do
    sleep "$wait"
    echo "outbox ${wait}s after the load: $(curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/outbox?limit=1" \
      | grep -o '"counts":{[^}]*}')"
  done
  kill "$server"; wait "$server" || true
  rm -rf "$data"
done
