#!/usr/bin/env bash
# Fault runs for docs/RELIABILITY.md, every scenario in sequence on one cluster, in the order given:
#   A kill -9 during a booking storm; B PostgreSQL stopped (immediate) under load; C kill -9 of every
#   instance while notices are planned and sent; D two instances under load; E kill -9 every 20 s for
#   3 minutes while booking and sending.
# Every instance delivers live (SMS to a local sink): after each scenario, every acknowledged booking must
# exist once and its notice must be sent once within 2 minutes of the scenario's last restart.
# Everything on loopback, in a throwaway cluster; every loop is bounded.
#   bash bench/faults.sh                 (ORDER=ABDCE; about 11 minutes on a 2-core machine)
#   ORDER=CBADE bash bench/faults.sh     (any order, any subset; ONLY= is the old name of ORDER)
#   KEEP=1 keeps the run's folder and logs; PUBLISHED=<folder> skips the publish (see below)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ORDER=${ORDER:-${ONLY:-ABDCE}}
WORK=$(mktemp -d /tmp/cpts-faults-XXXX)
PGDATA="$WORK/pg"; PGPORT=$((20000 + RANDOM % 20000)); API1=$((PGPORT + 1)); API2=$((PGPORT + 2)); SINK=$((PGPORT + 3))
BIN=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
RESULTS="$ROOT/bench/results/faults-$(date -u +%Y%m%d-%H%M%S)-$ORDER.txt"
mkdir -p "$ROOT/bench/results"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() { as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null; }
pg_stop() { as_pg "$BIN/pg_ctl" -D "$PGDATA" -m "$1" -w stop >/dev/null; }
CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=agenda"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; pg_stop immediate 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "$*" | tee -a "$RESULTS"; }
now() { date +%s; }

mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$WORK"
as_pg "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --no-sync >/dev/null
pg_start
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE agenda" >/dev/null

# PUBLISHED=<folder> reuses a `dotnet publish -c Release` of the service (repeated runs of one commit).
APIDIR=${PUBLISHED:-$WORK/api}
[ -n "${PUBLISHED:-}" ] || dotnet publish src/Cpts.Agenda.Api -c Release -o "$APIDIR" --nologo -v q >/dev/null
dotnet build bench/Cpts.Agenda.Faults -c Release --nologo -v q >/dev/null
FAULTS="dotnet bench/Cpts.Agenda.Faults/bin/Release/net10.0/Cpts.Agenda.Faults.dll"

# Live delivery to the sink, sent at 200 a second (the storms queue thousands of notices; at the default
# 20 a second the backlog alone would take longer than the 2 minutes allowed). Every Hangfire and claim
# setting is the service's default: lock lifetime, invisibility timeout and claim timeout 1 minute.
SETTINGS="Agenda__Notifications__Delivery=live Agenda__Notifications__SendsPerSecond=200 Agenda__Notifications__Sms__Url=http://127.0.0.1:$SINK/sms"
start_api() { # port [nowait] -> pid; waits (at most 15 s) until it is ready unless told not to
  env $SETTINGS ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Agenda="$CS" Agenda__DemoData=false Agenda__RateLimits__Enabled=false \
    dotnet "$APIDIR/Cpts.Agenda.Api.dll" --urls "http://127.0.0.1:$1" >>"$WORK/api-$1.log" 2>&1 &
  local pid=$!
  [ "${2:-}" = nowait ] || for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && break; sleep 0.1; done
  echo "$pid"
}
storm() { # tag seconds clients urls acked [slots rate] -> runs in background; returns once the storm is under way
  rm -f "$WORK/ready-$1"
  $FAULTS storm --connection "$CS" --url "$4" --seconds "$2" --clients "$3" --acked "$5" --tag "$1" --ready-file "$WORK/ready-$1" --slots "${6:-20000}" --rate "${7:-0}" >"$WORK/$1.out" &
  STORM=$!
  for _ in $(seq 1 300); do [ -f "$WORK/ready-$1" ] && break; sleep 0.1; done
}
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$1/health/ready" || true; }
FAILED=""
# tag acked-file last-restart(unix s) url: the bookings once, the replays, the checker; every notice sent once
# within 2 minutes of the last restart.
check() {
  local wait=$(( $3 + 120 - $(now) )); [ "$wait" -lt 1 ] && wait=1
  $FAULTS notified --connection "$CS" --acked "$2" --sink-log "$WORK/sink.log" --wait "$wait" --since "$3" | tee -a "$RESULTS" || FAILED="$FAILED $1"
  $FAULTS verify --connection "$CS" --url "$4" --acked "$2" | tee -a "$RESULTS" || FAILED="$FAILED $1"
}
API=""; API_2=""
one_instance() { # API1 up, API2 killed
  [ -n "$API_2" ] && { kill -9 "$API_2" 2>/dev/null || true; API_2=""; log "(instance 2 killed: the scenario runs on one)"; }
  if [ -z "$API" ] || ! kill -0 "$API" 2>/dev/null; then API=$(start_api "$API1"); PIDS+=("$API"); fi
}

log "# Fault runs $(date -u +%FT%TZ), order $ORDER, on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: other builds and tests run meanwhile)"
log "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with local changes)')"
$FAULTS sink --port "$SINK" --out "$WORK/sink.log" --seconds 7200 & PIDS+=("$!")
one_instance   # the first start applies the migrations
$FAULTS seed --connection "$CS" --slots 100000 >/dev/null # each storm books its own free slots; E may take 30,000

# tag seconds clients pause title: SIGKILL at t = 4 s of a storm, started again after the pause.
kill_in_storm() {
  log ""; log "## $1. $5"
  one_instance
  local acked="$WORK/acked-$1.jsonl"; : > "$acked"
  storm "$1" "$2" "$3" "http://127.0.0.1:$API1" "$acked"
  sleep 4; kill -9 "$API"; log "killed the service (pid $API) with SIGKILL at t=4s"
  sleep "$4"; API=$(start_api "$API1"); PIDS+=("$API"); local restart; restart=$(now); log "restarted it at t≈$((4 + $4))s"
  wait "$STORM"; tee -a "$RESULTS" < "$WORK/$1.out"
  check "$1" "$acked" "$restart" "http://127.0.0.1:$API1"
}
scenario_A() { kill_in_storm A 12 32 2 "kill -9 during a booking storm, then restart"; }
scenario_C() { kill_in_storm C 8 16 1 "kill -9 of every instance while notices are planned and sent"; }

scenario_B() {
  log ""; log "## B. PostgreSQL stopped (immediate) under load, started again"
  one_instance
  local acked="$WORK/acked-b.jsonl"; : > "$acked"
  storm B 14 32 "http://127.0.0.1:$API1" "$acked"
  sleep 3; pg_stop immediate; log "stopped PostgreSQL at t=3s; /health/ready answers $(ready "$API1"), /health/live $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API1/health/live")"
  local t0 code; t0=$(date +%s%N)
  code=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 20 "http://127.0.0.1:$API1/api/availability" -H "Authorization: Bearer $(curl -s -X POST "http://127.0.0.1:$API1/auth/dev-token" -H 'Content-Type: application/json' -d '{"role":"regulator"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')")
  log "a search while the database is away: $code in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  sleep 3; pg_start; local restart; restart=$(now); log "started PostgreSQL again at t≈7s"
  for _ in $(seq 1 50); do [ "$(ready "$API1")" = 200 ] && break; sleep 0.2; done
  log "/health/ready after restart: $(ready "$API1") (same service process, pid $API)"
  wait "$STORM"; tee -a "$RESULTS" < "$WORK/B.out"
  check B "$acked" "$restart" "http://127.0.0.1:$API1"
}

scenario_D() {
  log ""; log "## D. Two service instances on one database under load"
  one_instance
  API_2=$(start_api "$API2"); PIDS+=("$API_2")
  local acked="$WORK/acked-d.jsonl"; : > "$acked"
  $FAULTS storm --connection "$CS" --url "http://127.0.0.1:$API1,http://127.0.0.1:$API2" --seconds 10 --clients 48 --acked "$acked" --tag D | tee -a "$RESULTS"
  check D "$acked" "$(now)" "http://127.0.0.1:$API2"
}

scenario_E() {
  log ""; log "## E. kill -9 every 20 s for 3 minutes while booking and sending"
  one_instance
  local acked="$WORK/acked-e.jsonl"; : > "$acked"
  storm E 180 8 "http://127.0.0.1:$API1" "$acked" 30000 100 # 100 bookings a second at most: it books for the whole 3 minutes, and the sends (200 a second) keep up
  local start restart kills; start=$(now)
  for kills in $(seq 1 9); do # at t = 20, 40, … 180 s
    while [ $(( $(now) - start )) -lt $((kills * 20)) ]; do sleep 0.5; done
    kill -9 "$API"; API=$(start_api "$API1" nowait); PIDS+=("$API"); restart=$(now)
  done
  log "killed the service with SIGKILL $kills times, every 20 s (whether or not it was ready again), each time started again at once; last restart at t≈$((restart - start))s"
  wait "$STORM"; tee -a "$RESULTS" < "$WORK/E.out"
  check E "$acked" "$restart" "http://127.0.0.1:$API1"
}

for s in $(echo "$ORDER" | grep -o .); do "scenario_$s"; done

grep -iE "fail|error|exception" "$WORK"/api-*.log | grep -v "^\S*:\s*at " | sed 's/^[^:]*://' | sort | uniq -c | sort -rn | head -8 > "$WORK/errors.txt" || true
[ -s "$WORK/errors.txt" ] && { log ""; log "service logs, most frequent error lines:"; tee -a "$RESULTS" < "$WORK/errors.txt"; }
log ""
if [ -z "$FAILED" ]; then log "RUN OK (order $ORDER)"; else log "RUN FAILED in:$FAILED (order $ORDER)"; fi
log "results written to ${RESULTS#$ROOT/}"
[ -z "$FAILED" ]
