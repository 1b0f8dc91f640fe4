#!/usr/bin/env bash
# The bench, in one command: a throwaway PostgreSQL, a département-sized seed, query plans,
# start-up timings, then the load scenarios against the service built in Release; everything
# is stopped and removed at the end. Loopback only; every loop is bounded.
#
#   bench/run.sh            full scale (2,000 practitioners × 30 days, 10 s per scenario)
#   bench/run.sh --small    quick pass (200 practitioners × 7 days, 3 s per scenario)
#   bench/run.sh --scale N  about N slots: N / (days × 10) practitioners, a site per 40 of them; beyond 50 sites
#                           the sites spread over more départements at the same density (Seeder.SpreadFor)
#                           (--scale 600000 is the full scale; 3000000 and 6000000 the larger points)
#   options: --duration 10s --clients 1,16,64 --practitioners N --days N --startup-runs N (0: none)
#            --scenarios search,pages,bookings,feed,fhir (default all; the in-process feed rendering runs with feed)
# The report goes to stdout and to bench/results/<date>.md (<date>-small.md for --small).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARGS="$*"

SMALL=0 DURATION=10s WARMUP=2s CLIENTS=1,16,64 PRACTITIONERS=2000 DAYS=30 STARTUP_RUNS=3 SCALE= SITES=50 SCENARIOS=search,pages,bookings,feed,fhir
while [ $# -gt 0 ]; do
  case "$1" in
    --small) SMALL=1 DURATION=3s WARMUP=1s PRACTITIONERS=200 DAYS=7 STARTUP_RUNS=1 ;;
    --duration) DURATION=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --practitioners) PRACTITIONERS=$2; shift ;;
    --days) DAYS=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    --startup-runs) STARTUP_RUNS=$2; shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$SCALE" ]; then
  # The seeder gives each practitioner 10 slots a day; a site keeps about 40 practitioners, as at full scale.
  PRACTITIONERS=$(( SCALE / (DAYS * 10) ))
  SITES=$(( (PRACTITIONERS + 39) / 40 ))
  [ "$PRACTITIONERS" -ge 1 ] || { echo "run.sh: --scale $SCALE is less than one practitioner's $DAYS days" >&2; exit 2; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build (Release)"
dotnet build -c Release "$ROOT/bench/Cpts.Agenda.Bench/Cpts.Agenda.Bench.csproj" -nologo -v q
BENCH_DLL="$ROOT/bench/Cpts.Agenda.Bench/bin/Release/net10.0/Cpts.Agenda.Bench.dll"
API_DLL="$ROOT/src/Cpts.Agenda.Api/bin/Release/net10.0/Cpts.Agenda.Api.dll"
bench() { dotnet "$BENCH_DLL" "$@"; }

WORK=$(mktemp -d /tmp/cpts-bench-XXXXXX)
chmod 755 "$WORK" # the postgres user runs the cluster inside
SERVICE_PID=""
cleanup() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  bench pg-stop --dir "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== throwaway PostgreSQL in $WORK"
PG_CS=$(bench pg-start --dir "$WORK/pg" | tail -n 1)
CS="${PG_CS/Database=postgres/Database=agenda_bench}"
CS_EMPTY="${PG_CS/Database=postgres/Database=agenda_empty}"

mkdir -p "$ROOT/bench/results"
SUFFIX=""
[ "$SMALL" = 1 ] && SUFFIX="-small"
REPORT="$ROOT/bench/results/$(date +%F)$SUFFIX.md"
[ -e "$REPORT" ] && REPORT="$ROOT/bench/results/$(date +%F-%H%M)$SUFFIX.md" # never overwrite an earlier run
{
  echo "# Cpts.Agenda bench, $(date '+%F %H:%M %Z')"
  echo
  echo "Command: \`bench/run.sh $ARGS\` — $PRACTITIONERS practitioners × $DAYS days, $SITES sites; commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
} > "$REPORT"

bench machine --connection "$PG_CS" --report "$REPORT"
echo "== seed"
bench seed --connection "$CS" --recreate --practitioners "$PRACTITIONERS" --sites "$SITES" --days "$DAYS" --report "$REPORT"
echo "== query plans"
bench explain --connection "$CS" --report "$REPORT" | grep -E '^### ' || true
if [ "$STARTUP_RUNS" -gt 0 ]; then
  echo "== start-up"
  bench startup --dll "$API_DLL" --connection "$CS_EMPTY" --label "empty (new database: the service runs the migrations)" --runs "$STARTUP_RUNS" --recreate-each --report "$REPORT"
  bench startup --dll "$API_DLL" --connection "$CS" --label "seeded" --runs "$STARTUP_RUNS" --report "$REPORT"
fi

echo "== service (Release) under load"
PORT=$(bench free-port)
(
  cd "$(dirname "$API_DLL")"
  export ASPNETCORE_ENVIRONMENT=Development Agenda__DemoData=false Agenda__RateLimits__Enabled=false ConnectionStrings__Agenda="$CS"
  exec dotnet "$API_DLL" --urls "http://127.0.0.1:$PORT"
) > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null || { echo "the service did not become ready" >&2; cat "$WORK/service.log"; exit 1; }

bench load --url "http://127.0.0.1:$PORT" --connection "$CS" --pid "$SERVICE_PID" --duration "$DURATION" --warmup "$WARMUP" --clients "$CLIENTS" --scenarios "$SCENARIOS" --report "$REPORT"
echo "(load average at the end: $(cat /proc/loadavg))" | tee -a "$REPORT"
if [[ ",$SCENARIOS," == *",feed,"* ]]; then
  echo "== feed rendering in process (BenchmarkDotNet)"
  bench render-feed --artifacts "$WORK/bdn" --report "$REPORT" | tail -15
fi
echo "== report: $REPORT"
