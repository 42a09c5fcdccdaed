#!/usr/bin/env bash
# Runs every test of the solution against a throwaway PostgreSQL server and ends with one line:
# "N passed, N failed" (", N skipped" when some were skipped). Exits non-zero when anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=scripts/lib/prerequisites.sh
source scripts/lib/prerequisites.sh

ensure_prerequisites() {
  local missing=()
  [[ -n $(postgres_bin_dir) ]] || missing+=(postgresql)
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
  install_missing ./test.sh "${missing[@]}"
}

# Runs a PostgreSQL tool; as root it must run as the postgres user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

PG_DIR=""
stop_postgres() {
  if [[ -n $PG_DIR && -d $PG_DIR ]]; then
    if [[ -f $PG_DIR/data/postmaster.pid ]]; then
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
}

start_postgres() {
  PG_BIN=$(postgres_bin_dir)
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/aistudio-test-pg.XXXXXX")
  trap stop_postgres EXIT
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$PG_DIR/initdb.log" \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }

  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$((20000 + RANDOM % 40000))
    port_is_free "$PG_PORT" || continue
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
      echo "Throwaway PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
      return
    fi
  done
  echo "Could not start PostgreSQL:" >&2
  cat "$PG_DIR/server.log" >&2 || true
  exit 1
}

# Sums one counter attribute over every TRX file.
trx_count() {
  local attribute=$1 total=0 value file
  for file in "$RESULTS_DIR"/*.trx; do
    [[ -f $file ]] || continue
    value=$(grep -o "<Counters [^>]*" "$file" | grep -o " $attribute=\"[0-9]*\"" | grep -o "[0-9]\+" || echo 0)
    total=$((total + value))
  done
  echo "$total"
}

ensure_prerequisites
start_postgres
export AISTUDIO_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

RESULTS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/aistudio-test-results.XXXXXX")
trap 'stop_postgres; rm -rf "$RESULTS_DIR"' EXIT

status=0
dotnet test AiStudio.sln --logger "trx" --results-directory "$RESULTS_DIR" \
  --blame-hang-timeout 20m --blame-hang-dump-type none || status=$?

passed=$(trx_count passed)
failed=$(($(trx_count failed) + $(trx_count error) + $(trx_count timeout) + $(trx_count aborted)))
skipped=$(trx_count notExecuted)

summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"

if ((status != 0 || failed > 0 || passed == 0)); then
  exit 1
fi
