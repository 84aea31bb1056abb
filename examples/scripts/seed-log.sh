#!/usr/bin/env bash
# Fills a store with a long decision log, for the run of docs/benchmark.md that checks that the
# cost of a decision does not grow with the log. CI does not run it.
#
# Deciding five million feedback through the server would take hours on two cores, so this
# decides 2,000 for real (the load command against the packaged server), then copies those
# records with SQL into ROWS more: the same columns and sizes (recorded feedback, context, fired
# rules, actions), each with its own feedback id, drawn over the load command's 20,000 customers
# and spread over the weeks before the load command's feedback; with them their customer
# contacts and, where the original opened a case, a case closed half a day later. The copies'
# hashes are their originals', so `verify` reports them as tampered: this store is for measuring,
# not for auditing.
#
# Run from the project root after `mvn -B -q package -DskipTests`:
#
#   DATA=/tmp/lupaus-5m examples/scripts/seed-log.sh                   # H2 in /tmp/lupaus-5m
#   DATA=/tmp/lupaus-5m examples/scripts/benchmark.sh                  # the run over it
#
#   STORE=postgresql DB=lupaus_5m examples/scripts/seed-log.sh         # PostgreSQL on 127.0.0.1
#   STORE=postgresql DB=lupaus_5m examples/scripts/benchmark.sh
#
# Settings (environment): DATA (H2: the data directory, made new) or DB (PostgreSQL: the database,
# made new), ROWS (5000000), CHUNK (rows per transaction, 100000), PORT (18081), JAR, CUSTOMERS
# (load: the copies are the load command's 20,000 customers', so each has a long history; others:
# a million other customers', so that the load's customers' histories stay short).
set -euo pipefail

STORE=${STORE:-h2} CUSTOMERS=${CUSTOMERS:-load} ROWS=${ROWS:-5000000} CHUNK=${CHUNK:-100000} PORT=${PORT:-18081}
JAR=${JAR:-web-console/target/lupaus.jar} TOKEN=lupaus-bench-admin-token
DATA=${DATA:-$(mktemp -d)}
env=(LUPAUS_HTTP_PORT="$PORT" LUPAUS_DATA_DIR="$DATA" LUPAUS_BOOTSTRAP_TOKEN="$TOKEN" LUPAUS_LOG_ACTIONS=false)
if [[ $STORE == postgresql ]]; then
  DB=${DB:?set DB, the database to make}
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  env+=(LUPAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LUPAUS_DB_USER=postgres)
  mkdir -p "$DATA"
elif [[ -n $(ls -A "$DATA" 2>/dev/null) && ! -e $DATA/lupaus.mv.db ]]; then
  echo "$DATA holds something other than a Lupaus store: not touching it" >&2; exit 1
else
  rm -rf "$DATA" && mkdir -p "$DATA"
fi

# 1. The originals, decided by the server.
env "${env[@]}" java -Xmx512m -jar "$JAR" > "$DATA/seed-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null; do
  kill -0 $server 2>/dev/null || { echo "the server did not start:" >&2; tail -20 "$DATA/seed-server.log" >&2; exit 1; }
  sleep 0.5
done
java -jar examples/target/lupaus-examples.jar --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --connections 16 --batch 10 --warmup 0 --count 2000 --seed 99 | grep -E '^(decisions|failed) '
kill $server && wait $server || true
trap - EXIT

# 2. The copies: the SQL of each store, chunk by chunk (one transaction each).
# sql runs statements (from its argument, through a file: a chunk is longer than one argument may
# be); value answers one query's single value.
sql() {
  printf '%s;\n' "$1" > "$DATA/seed.sql"
  if [[ $STORE == postgresql ]]; then
    psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$DB" -f "$DATA/seed.sql"
  else
    java -cp "$JAR" org.h2.tools.RunScript -url "jdbc:h2:file:$DATA/lupaus" -user lupaus -password "" \
      -script "$DATA/seed.sql"
  fi
}
value() {
  if [[ $STORE == postgresql ]]; then
    psql -q -h 127.0.0.1 -U postgres -d "$DB" -At -c "$1"
  else
    java -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:$DATA/lupaus" -user lupaus -password "" -sql "$1" \
      | sed -n 2p
  fi
}
originals=$(value "SELECT last_seq FROM chain_head WHERE id = 1" | tr -d '[:space:]')
x="(r.x * $originals + t.k + 1)"
if [[ $STORE == postgresql ]]; then
  rows="generate_series(%d, %d) AS r(x)" uuid="gen_random_uuid()"
  at="TIMESTAMPTZ '2026-10-23 00:00:00+00' - make_interval(secs => $ROWS - $x)"
  later() { echo "$1 + make_interval(secs => $2)"; }
  seconds() { echo "EXTRACT(EPOCH FROM $2 - $1)"; }
else
  rows="SYSTEM_RANGE(%d, %d) r" uuid="RANDOM_UUID(7)"
  at="DATEADD(SECOND, $x - $ROWS, TIMESTAMP WITH TIME ZONE '2026-10-23 00:00:00+00')"
  later() { echo "DATEADD(SECOND, $2, $1)"; }
  seconds() { echo "DATEDIFF(SECOND, $1, $2)"; }
fi
# The originals by their place k (0 to originals - 1), so that each chunk is a cross join with no
# lookups: copy x of original k is row x = copy * originals + k + 1.
sql "CREATE TABLE seed_original AS SELECT chain_seq - 1 AS k, decided_at, rule_set_version, feedback,
       fired_rules, actions, feedback_hash, record_hash, chain_hash, context, survey, score, touchpoint,
       phase, complaint, record_format FROM decision;
     CREATE TABLE seed_contact AS SELECT d.chain_seq - 1 AS k, c.type
       FROM customer_contact c JOIN decision d ON d.decision_id = c.decision_id;
     CREATE TABLE seed_case AS SELECT d.chain_seq - 1 AS k, f.promise, f.owner, f.priority,
       $(seconds f.received_at f.due_at) AS due_in FROM case_file f JOIN decision d ON d.decision_id = f.decision_id" > /dev/null
copies=$(((ROWS + originals - 1) / originals)) per=$(((CHUNK + originals - 1) / originals))
customer="'C-' || CAST(1001 + MOD($x * 7919, 20000) AS VARCHAR)"
if [[ $CUSTOMERS == others ]]; then
  # A million customers the load command never sends: its own customers' histories stay as short
  # as on a fresh store, so that a run over this log measures the log's size alone.
  customer="'S-' || CAST(MOD($x * 7919, 1000000) AS VARCHAR)"
fi
echo "copying $originals decisions $copies times, $((per * originals)) per transaction"
started=$SECONDS
# One copy of the originals per statement, committed on its own (a transaction of 100,000 rows is
# several times slower on H2); CHUNK rows per call of the SQL tool.
copy() {
  local range
  range=$(printf "$rows" "$1" "$1")
  echo "INSERT INTO decision (decision_id, feedback_id, customer_id, received_at, decided_at, rule_set_version,
         feedback, fired_rules, actions, feedback_hash, chain_seq, record_hash, chain_hash, context,
         survey, score, touchpoint, phase, complaint, record_format)
       SELECT $uuid, 'seed-' || CAST($x AS VARCHAR), $customer, $at, t.decided_at, t.rule_set_version,
         t.feedback, t.fired_rules, t.actions, t.feedback_hash, $originals + $x, t.record_hash, t.chain_hash,
         t.context, t.survey, t.score, t.touchpoint, t.phase, t.complaint, t.record_format
       FROM seed_original t CROSS JOIN $range;
       INSERT INTO customer_contact (customer_id, at, type, decision_id)
       SELECT $customer, $at, t.type, $uuid FROM seed_contact t CROSS JOIN $range;
       INSERT INTO case_file (case_id, customer_id, promise, owner, priority, state, received_at, opened_at,
         due_at, closed_at, outcome, stages, decision_id)
       SELECT $uuid, $customer, t.promise, t.owner, t.priority, 'RESOLVED', $at, $at,
         $(later "$at" t.due_in), $(later "$at" 43200), 'CONTACTED', '', $uuid
       FROM seed_case t CROSS JOIN $range;"
}
for ((from = 0; from < copies; from += per)); do
  to=$((from + per - 1 < copies - 1 ? from + per - 1 : copies - 1))
  statements=""
  for ((c = from; c <= to; c++)); do statements+=$(copy $c); done
  sql "${statements%;}" > /dev/null
  echo "  $(((to + 1) * originals)) of $((copies * originals)) ($((SECONDS - started)) s)"
done
sql "DROP TABLE seed_original; DROP TABLE seed_contact; DROP TABLE seed_case" > /dev/null
ROWS=$((copies * originals))
last=$((originals + ROWS))
sql "UPDATE chain_head SET last_seq = $last WHERE id = 1; UPDATE outbox_cursor SET last_seq = $last WHERE id = 1" > /dev/null
if [[ $STORE != postgresql ]]; then
  # The copies' 2,500 commits leave most chunks of the file partly live. A server compacts them as
  # it goes (docs/storage.md); done here at once, so that a run over this store measures the log,
  # not the server catching up with a backlog of compaction (13.7 GB → 6.3 GB at 5,000,000, 53 s).
  java -cp "$JAR" org.h2.mvstore.MVStoreTool -compact "$DATA/lupaus.mv.db"
fi
echo "the log holds $last decisions"
