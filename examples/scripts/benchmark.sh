#!/usr/bin/env bash
# The decision-path benchmark of docs/benchmark.md: starts the packaged server on a fresh store,
# warms it up, runs the load command, and prints its figures with the server's CPU per decision
# (by kind of thread, and PostgreSQL's processes' with STORE=postgresql), the load command's own
# CPU, the machine's idle share, the bytes the server wrote to disk per decision and its heap after
# the run, and on H2 the store's file every 30 s and at the end; then stops the server. CI does not
# run it.
# Run from the project root after `mvn -B -q package -DskipTests`:
#
#   examples/scripts/benchmark.sh                      # H2, single posts, 100,000 after 50,000
#   STORE=postgresql examples/scripts/benchmark.sh     # the PostgreSQL on 127.0.0.1:5432
#   BATCH=10 CONNECTIONS=16 examples/scripts/benchmark.sh
#
#   LOG_ACTIONS=true DURATION=5m examples/scripts/benchmark.sh   # the outbox's pending count each 30 s
#
#   DATA=/tmp/lupaus-5m examples/scripts/benchmark.sh   # over a long log made by seed-log.sh
#
# Settings (environment): DATA or DB (an existing store, kept), STORE (h2 | postgresql), COUNT or DURATION, WARMUP, SEED, CONNECTIONS,
# BATCH, PORT (18080), JAR (web-console/target/lupaus.jar), LOG_ACTIONS (false: no handler delivers),
# SERVER_OPTS (more JVM options for the server, e.g. -XX:StartFlightRecording=filename=run.jfr to profile).
set -euo pipefail

STORE=${STORE:-h2} COUNT=${COUNT:-100000} WARMUP=${WARMUP:-50000} SEED=${SEED:-11}
CONNECTIONS=${CONNECTIONS:-64} BATCH=${BATCH:-1} PORT=${PORT:-18080}
JAR=${JAR:-web-console/target/lupaus.jar} TOKEN=lupaus-bench-admin-token
# DATA (H2) or DB (PostgreSQL): run over that existing store, as seed-log.sh makes it, and keep it.
kept=${DATA:-} DATA=${DATA:-$(mktemp -d)}
env=(LUPAUS_HTTP_PORT="$PORT" LUPAUS_DATA_DIR="$DATA" LUPAUS_BOOTSTRAP_TOKEN="$TOKEN"
     LUPAUS_LOG_ACTIONS="${LOG_ACTIONS:-false}")
if [[ $STORE == postgresql ]]; then
  db=${DB:-lupaus_bench_$PORT}
  if [[ -z ${DB:-} ]]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  fi
  env+=(LUPAUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" LUPAUS_DB_USER=postgres)
fi

env "${env[@]}" java -Xmx512m ${SERVER_OPTS:-} -jar "$JAR" > "$DATA/server.log" 2>&1 &
server=$!
helpers=()   # background watchers, stopped with the server
# Not under set -e: the server's exit status after SIGTERM is not 0, and the store must still go.
cleanup() {
  kill "${helpers[@]}" "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  [[ -n $kept ]] || rm -rf "$DATA"
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null; do
  kill -0 $server 2>/dev/null || { echo "the server did not start:" >&2; tail -20 "$DATA/server.log" >&2; exit 1; }
  sleep 0.5
done

load() {
  java -jar examples/target/lupaus-examples.jar --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
    --connections "$CONNECTIONS" --batch "$BATCH" --warmup 0 "$@"
}
# Another seed for the warm-up: the same ids again would be answered from the log, not decided.
load --count "$WARMUP" --seed $((SEED + 1000)) > /dev/null

if [[ ${LOG_ACTIONS:-false} == true ]]; then
  # What the outbox has yet to deliver, every 30 s while the load runs.
  (while sleep 30; do
     echo "outbox        $(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/outbox?limit=1" \
       | grep -o '"counts":{[^}]*}')"
   done) &
  helpers+=($!)
fi

if [[ $STORE == h2 ]]; then
  # The embedded store's file every 30 s: its space is reused once compacted (docs/storage.md).
  (while sleep 30; do echo "store file    $(( $(stat -c %s "$DATA/lupaus.mv.db") / 1000000 )) MB"; done) &
  helpers+=($!)
fi

cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# CPU ticks per kind of thread (the name without its number), to see where a decision's time goes.
threads() {
  for task in /proc/$server/task/*; do
    echo "$(tr -d '0-9' < "$task/comm" | sed 's/[- ]*$//' | tr ' ' _) $(cut -d')' -f2 "$task/stat" | awk '{print $12 + $13}')"
  done 2>/dev/null | awk '{ ticks[$1] += $NF } END { for (t in ticks) print t, ticks[t] }'
}
# PostgreSQL's own processes (its backends do the store's work there), or nothing on H2.
db_cpu() {
  if [[ $STORE == postgresql ]]; then
    for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done \
      | awk '{ ticks += $1 } END { print ticks + 0 }'
  else
    echo 0
  fi
}
# What the server wrote to its disk (the kernel's count of bytes it sent to storage, whatever it overwrote).
written() { awk '/^write_bytes/ { print $2 }' "/proc/$server/io"; }
before=$(cpu) db_before=$(db_cpu) written_before=$(written)
threads > "$DATA/threads-before.txt"
vmstat 10 > "$DATA/vmstat.txt" &
vmstat=$! helpers+=($!)
if [[ -n ${DURATION:-} ]]; then run=(--duration "$DURATION"); else run=(--count "$COUNT"); fi
# The load generator's own CPU time, which it takes from the same two cores as the server.
TIMEFORMAT='%U %S'
{ time load "${run[@]}" --seed "$SEED" 2>&3 | grep -v '^  ' | tee "$DATA/load.txt"; } 3>&2 2> "$DATA/load-time.txt"
after=$(cpu) db_after=$(db_cpu) written_after=$(written)
kill $vmstat 2>/dev/null || true
decided=$(awk '/^decisions / { print $2 }' "$DATA/load.txt")
awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$decided" \
  'BEGIN { printf "server CPU    %.3f ms per decision\n", ticks / hz * 1000 / n }'
if [[ $STORE == postgresql ]]; then
  awk -v ticks=$((db_after - db_before)) -v hz="$(getconf CLK_TCK)" -v n="$decided" \
    'BEGIN { printf "database CPU  %.3f ms per decision (PostgreSQL'"'"'s processes)\n", ticks / hz * 1000 / n }'
fi
awk -v n="$decided" '{ printf "load CPU      %.3f ms per decision (the load generator)\n", ($1 + $2) * 1000 / n }' \
  "$DATA/load-time.txt"
# The machine's idle share during the run: what neither the server, the database nor the load used.
awk 'NR > 3 && $15 ~ /^[0-9]+$/ { idle += $15; n++ } END { if (n) printf "machine idle  %.0f %%\n", idle / n }' "$DATA/vmstat.txt"
threads | awk -v hz="$(getconf CLK_TCK)" -v n="$decided" '
  NR == FNR { before[$1] = $2; next }
  { ms = ($2 - before[$1]) / hz * 1000 / n; if (ms >= 0.005) printf "  %-18s %.3f ms per decision\n", $1, ms }
' "$DATA/threads-before.txt" - | sort -k2 -rn
echo "load average  $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v bytes=$((written_after - written_before)) -v n="$decided" \
  'BEGIN { printf "disk written  %.1f KB per decision\n", bytes / n / 1e3 }'
if [[ $STORE == h2 ]]; then
  # The embedded store's file: what the run left on disk, per decision when the store was fresh.
  size=$(stat -c %s "$DATA/lupaus.mv.db")
  awk -v size="$size" -v n=$((WARMUP + decided)) -v fresh="${kept:+no}" 'BEGIN {
    printf "store file    %.0f MB", size / 1e6
    if (fresh != "no") printf ", %.1f KB per decision", size / n / 1e3
    print "" }'
fi
jcmd $server GC.run > /dev/null
# What the heap holds after a full collection, and what the JVM has taken for it (G1 or Parallel GC).
jcmd $server GC.heap_info | tr -d , | awk '/garbage-first heap|PSYoungGen|ParOldGen/ {
    for (i = 1; i < NF; i++) { if ($i == "used") used += $(i + 1); if ($i == "total") total += $(i + 1) } }
  END { printf "heap after    %.0f MB used of %.0f MB committed\n", used / 1024, total / 1024 }'
