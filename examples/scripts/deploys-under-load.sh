#!/usr/bin/env bash
# Five deploys and rollbacks while the load command posts feedback: every request must succeed.
# Run from the project root after `mvn -B -q package -DskipTests`.
set -euo pipefail

URL=${URL:-http://127.0.0.1:8080}
TOKEN=${TOKEN:-lupaus-bench-admin-token}
DATA=$(mktemp -d)
auth=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')

LUPAUS_DATA_DIR=$DATA LUPAUS_BOOTSTRAP_TOKEN=$TOKEN java -Xmx512m -jar web-console/target/lupaus.jar \
  > "$DATA/server.log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$DATA"' EXIT
until curl -sf "$URL/api/health" > /dev/null; do sleep 0.5; done

live=$(curl -sf "${auth[@]}" "$URL/api/rulesets" | jq -r .live)
promise=$(curl -sf "${auth[@]}" "$URL/api/rulesets/compose" -d '{"promise":"delivery-complaint-12h",
  "title":"Complaints about delivery in the web shop are answered within 12 hours",
  "when":{"kind":"complaint","touchpoint":"web","commentMentions":"delivery"},
  "then":{"action":"OPEN_CASE","owner":"web-shop-team","priority":"high","withinHours":12}}' | jq .source)
draft=$(curl -sf "${auth[@]}" "$URL/api/rulesets/live" \
  | jq --argjson promise "$promise" --arg live "$live" \
       '{sources: (.sources + [$promise]), basedOn: $live, comment: "delivery complaints"}' \
  | curl -sf "${auth[@]}" "$URL/api/rulesets" -d @- | jq -r .version)
echo "live $live, draft $draft"

java -jar examples/target/lupaus-examples.jar --url "$URL" --token "$TOKEN" \
  --connections 16 --batch 10 --duration 60s --warmup 20000 --seed 7 &
load=$!

sleep 20
for i in 1 2 3 4 5; do
  if (( i % 2 )); then target=$draft; else target=$live; fi
  kind=$([[ $i == 1 ]] && echo deploy || echo rollback)
  start=$(date +%s.%N)
  curl -sf "${auth[@]}" -X POST "$URL/api/rulesets/$target/$kind" -d '{"comment":"under load"}' > /dev/null
  echo "$kind $i to ${target:0:12} took $(echo "$(date +%s.%N) - $start" | bc) s"
  sleep 6
done

wait $load && echo "load command: every request succeeded"
