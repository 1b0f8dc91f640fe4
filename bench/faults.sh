#!/usr/bin/env bash
# Fault runs for docs/RELIABILITY.md: kill -9 during a booking storm, PostgreSQL stopped under load,
# two instances under load. Everything on loopback, in a throwaway cluster; every loop is bounded.
#   bash bench/faults.sh            (about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/cpts-faults-XXXX)
PGDATA="$WORK/pg"; PGPORT=$((20000 + RANDOM % 20000)); API1=$((PGPORT + 1)); API2=$((PGPORT + 2))
BIN=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
RESULTS="$ROOT/bench/results/faults-$(date +%Y%m%d-%H%M).txt"
mkdir -p "$ROOT/bench/results"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() { as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null; }
pg_stop() { as_pg "$BIN/pg_ctl" -D "$PGDATA" -m "$1" -w stop >/dev/null; }
CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=agenda"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; pg_stop immediate 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "$*" | tee -a "$RESULTS"; }

mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$WORK"
as_pg "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --no-sync >/dev/null
pg_start
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE agenda" >/dev/null

dotnet publish src/Cpts.Agenda.Api -c Release -o "$WORK/api" --nologo -v q >/dev/null
dotnet build bench/Cpts.Agenda.Faults -c Release --nologo -v q >/dev/null
FAULTS="dotnet bench/Cpts.Agenda.Faults/bin/Release/net10.0/Cpts.Agenda.Faults.dll"

EXTRA=""
start_api() { # port -> pid (extra settings in $EXTRA)
  env $EXTRA ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Agenda="$CS" Agenda__DemoData=false Agenda__RateLimits__Enabled=false \
    dotnet "$WORK/api/Cpts.Agenda.Api.dll" --urls "http://127.0.0.1:$1" >>"$WORK/api-$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && break; sleep 0.1; done
  echo "$pid"
}
storm() { # tag seconds clients urls acked -> runs in background; returns once the storm is under way
  rm -f "$WORK/ready-$1"
  $FAULTS storm --connection "$CS" --url "$4" --seconds "$2" --clients "$3" --acked "$5" --tag "$1" --ready-file "$WORK/ready-$1" >"$WORK/$1.out" &
  STORM=$!
  for _ in $(seq 1 300); do [ -f "$WORK/ready-$1" ] && break; sleep 0.1; done
}
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$1/health/ready" || true; }

log "# Fault runs $(date -u +%FT%TZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
API=$(start_api "$API1"); PIDS+=("$API")   # first start applies the migrations
$FAULTS seed --connection "$CS" --slots 20000 >/dev/null # each storm books its own free slots: A, B, D took 6,000 together

ONLY=${ONLY:-ABDC}
if [[ $ONLY == *A* ]]; then
log ""; log "## A. kill -9 during a booking storm, then restart"
ACK_A="$WORK/acked-a.jsonl"; : > "$ACK_A"
storm A 12 32 "http://127.0.0.1:$API1" "$ACK_A"
sleep 4; kill -9 "$API"; log "killed the service (pid $API) with SIGKILL at t=4s"
sleep 2; API=$(start_api "$API1"); PIDS+=("$API"); log "restarted it at t=6s"
wait "$STORM"; tee -a "$RESULTS" < "$WORK/A.out"
$FAULTS verify --connection "$CS" --url "http://127.0.0.1:$API1" --acked "$ACK_A" | tee -a "$RESULTS"

fi
if [[ $ONLY == *B* ]]; then
log ""; log "## B. PostgreSQL stopped (immediate) under load, started again"
ACK_B="$WORK/acked-b.jsonl"; : > "$ACK_B"
storm B 14 32 "http://127.0.0.1:$API1" "$ACK_B"
sleep 3; pg_stop immediate; log "stopped PostgreSQL at t=3s; /health/ready answers $(ready "$API1"), /health/live $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API1/health/live")"
T0=$(date +%s%N); CODE=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 20 "http://127.0.0.1:$API1/api/availability" -H "Authorization: Bearer $(curl -s -X POST "http://127.0.0.1:$API1/auth/dev-token" -H 'Content-Type: application/json' -d '{"role":"regulator"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')")
log "a search while the database is away: $CODE in $(( ($(date +%s%N) - T0) / 1000000 )) ms"
sleep 3; pg_start; log "started PostgreSQL again at t≈7s"
for _ in $(seq 1 50); do [ "$(ready "$API1")" = 200 ] && break; sleep 0.2; done
log "/health/ready after restart: $(ready "$API1") (same service process, pid $API)"
wait "$STORM"; tee -a "$RESULTS" < "$WORK/B.out"
$FAULTS verify --connection "$CS" --url "http://127.0.0.1:$API1" --acked "$ACK_B" | tee -a "$RESULTS"

fi
API_2=""
if [[ $ONLY == *D* ]]; then
log ""; log "## D. Two service instances on one database under load"
API_2=$(start_api "$API2"); PIDS+=("$API_2")
ACK_D="$WORK/acked-d.jsonl"; : > "$ACK_D"
$FAULTS storm --connection "$CS" --url "http://127.0.0.1:$API1,http://127.0.0.1:$API2" --seconds 10 --clients 48 --acked "$ACK_D" --tag D | tee -a "$RESULTS"
$FAULTS verify --connection "$CS" --url "http://127.0.0.1:$API2" --acked "$ACK_D" | tee -a "$RESULTS"

fi
if [[ $ONLY == *C* ]]; then
log ""; log "## C. kill -9 while notification jobs are in flight (live SMS delivery to a local sink)"
kill -9 "$API" $API_2 2>/dev/null || true; sleep 1
SINK=$((PGPORT + 3))
$FAULTS sink --port "$SINK" --out "$WORK/sink.log" --seconds 300 & PIDS+=("$!")
EXTRA="Agenda__Notifications__Delivery=live Agenda__Notifications__SendsPerSecond=200 Agenda__Notifications__Sms__Url=http://127.0.0.1:$SINK/sms Agenda__Notifications__ClaimTimeout=00:00:15 Agenda__Jobs__InvisibilityTimeout=00:00:30 Agenda__Jobs__QueuePollInterval=00:00:01"
API=$(start_api "$API1"); PIDS+=("$API")
ACK_C="$WORK/acked-c.jsonl"; : > "$ACK_C"
storm C 8 16 "http://127.0.0.1:$API1" "$ACK_C"
sleep 4; kill -9 "$API"; log "killed the service with SIGKILL at t=4s, notices being planned and sent"
sleep 1; API=$(start_api "$API1"); PIDS+=("$API"); log "restarted it at t=5s (claim timeout 15 s, Hangfire invisibility timeout 30 s for this run)"
wait "$STORM"; tee -a "$RESULTS" < "$WORK/C.out"
$FAULTS notified --connection "$CS" --acked "$ACK_C" --sink-log "$WORK/sink.log" --wait 150 | tee -a "$RESULTS" || C_FAILED=1
$FAULTS verify --connection "$CS" --url "http://127.0.0.1:$API1" --acked "$ACK_C" | tee -a "$RESULTS"
grep -iE "fail|error|exception" "$WORK/api-$API1.log" | grep -v "^\s*at " | sort | uniq -c | sort -rn | head -8 > "$WORK/errors.txt" || true
[ -s "$WORK/errors.txt" ] && { echo "service log, most frequent error lines:"; cat "$WORK/errors.txt"; }
[ -z "${C_FAILED:-}" ] || exit 1
fi

log ""; log "results written to ${RESULTS#$ROOT/}"
