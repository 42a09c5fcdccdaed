#!/usr/bin/env bash
# Starts AI Studio locally: PostgreSQL (private, under .data/pg, unless ConnectionStrings__AiStudio is set), N silos and
# the API on http://127.0.0.1:${AISTUDIO_PORT:-8080}. Ctrl-C stops everything it started; data stays under .data/.
#
#   ./run.sh             one silo
#   ./run.sh --silos 3   three silo processes (PIDs in .data/pids/silo-<n>.pid), e.g. to kill one and watch work move
#   ./run.sh --silos 3 --fast-failover
#                        the same, with a dead silo declared and its work resumed within seconds instead of minutes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
DATA="$ROOT/.data"
API_PORT=${AISTUDIO_PORT:-8080}
PG_PORT=${AISTUDIO_PG_PORT:-55432}
SILOS=1
FAST_FAILOVER=false

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  echo "usage: ./run.sh [--silos N] [--fast-failover]" >&2
  exit 2
}

while (($# > 0)); do
  case $1 in
    --silos)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage
      SILOS=$2
      shift 2
      ;;
    --fast-failover)
      FAST_FAILOVER=true
      shift
      ;;
    -h | --help) usage ;;
    *) usage ;;
  esac
done

# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"

ensure_prerequisites() {
  local missing=()
  if [[ -z ${ConnectionStrings__AiStudio:-} && -z $(postgres_bin_dir) ]]; then
    missing+=(postgresql)
  fi
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
  command -v curl >/dev/null || missing+=(curl)
  # The README's walkthroughs read the API's answers with jq.
  command -v jq >/dev/null || missing+=(jq)
  install_missing ./run.sh "${missing[@]}"
}

# PostgreSQL tools refuse to run as root: run them as the postgres user then.
AS_POSTGRES=()
[[ $(id -u) -eq 0 ]] && AS_POSTGRES=(runuser -u postgres --)
# From /, which user postgres can always enter (the checkout may be closed to it).
as_postgres() {
  (cd / && "${AS_POSTGRES[@]}" "$@")
}

# A secret kept in .data/<name>, generated on first use.
secret() {
  local file="$DATA/$1"
  if [[ ! -s $file ]]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

# Stops a process gracefully (SIGTERM), killing it if it is still there after $2 seconds.
stop_process() {
  local pid=$1 grace=$2 waited=0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= grace * 10)); then
      say "pid $pid did not stop within ${grace}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# A PID file still naming a live AI Studio process means another ./run.sh is running.
refuse_if_running() {
  local file pid
  for file in "$DATA"/pids/*.pid; do
    [[ -f $file ]] || continue
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null && grep -q "AiStudio" "/proc/$pid/cmdline" 2>/dev/null; then
      echo "AI Studio is already running (pid $pid from $file). Stop that ./run.sh first." >&2
      exit 1
    fi
    rm -f "$file"
  done
}

STARTED_POSTGRES=false
STOPPING=false

# Stops, in order, the API, the silos (in parallel) and the PostgreSQL this script started; a second Ctrl-C is ignored
# so that nothing is cut short.
shutdown() {
  $STOPPING && return
  STOPPING=true
  # Ctrl-C may also have ended a pager or tee reading our output: writing to it must not end the script before
  # everything is stopped.
  trap '' INT TERM PIPE
  say
  say "Stopping..."
  if [[ -f $DATA/pids/api.pid ]]; then
    stop_process "$(cat "$DATA/pids/api.pid")" 30
    rm -f "$DATA/pids/api.pid"
  fi
  local file
  for file in "$DATA"/pids/silo-*.pid; do
    [[ -f $file ]] || continue
    stop_process "$(cat "$file")" 60 &
  done
  wait
  rm -f "$DATA"/pids/silo-*.pid
  if $STARTED_POSTGRES; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 120 stop >/dev/null
  fi
  say "Stopped. Data is kept in $DATA."
}

# echo that never fails, for when nobody reads the output any more.
say() {
  echo "$@" 2>/dev/null || true
}

start_postgres() {
  PG_BIN=$(postgres_bin_dir)
  local psql="$PG_BIN/psql"
  [[ -x $psql ]] || psql=psql
  if [[ $(id -u) -eq 0 && ! -e $DATA/pg ]]; then
    mkdir -p "$DATA/pg"
    chown postgres:postgres "$DATA/pg"
    if ! runuser -u postgres -- test -w "$DATA/pg"; then
      # The checkout sits where user postgres cannot go (e.g. under /root): keep the cluster in a directory of its own
      # and link it, so .data/pg still names it and later runs find the same data.
      rmdir "$DATA/pg"
      local home
      home=/var/lib/aistudio/$(printf '%s' "$ROOT" | sha256sum | cut -c1-16)/pg
      mkdir -p "$home"
      chown postgres:postgres "$home" "$(dirname "$home")"
      chmod 755 /var/lib/aistudio
      ln -s "$home" "$DATA/pg"
      echo "PostgreSQL data in $home (linked from $DATA/pg): user postgres cannot reach the checkout"
    fi
  fi
  mkdir -p "$DATA/pg"
  # The resolved path: user postgres may not be able to follow a link that lives inside the checkout.
  PG_DATA=$(readlink -f "$DATA/pg")
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    echo "Creating a PostgreSQL cluster in $DATA/pg"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale >"$DATA/logs/initdb.log"
  fi
  if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    echo "Reusing the PostgreSQL already running on $DATA/pg"
  else
    # In its own session, so that Ctrl-C reaches only this script, which stops PostgreSQL last.
    (cd / && setsid -w "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null) \
      || { echo "PostgreSQL did not start; see $DATA/pg/server.log" >&2; exit 1; }
    STARTED_POSTGRES=true
    echo "PostgreSQL on 127.0.0.1:$PG_PORT ($DATA/pg)"
  fi
  if [[ -z $("$psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'aistudio'" </dev/null) ]]; then
    "$psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE aistudio" </dev/null >/dev/null
  fi
  export ConnectionStrings__AiStudio="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=aistudio"
}

# Silos and the API run in their own sessions (setsid execs in place, so $! is their PID): Ctrl-C reaches only this
# script, which then stops them in order. They are disowned: report_exits tells about an exit, not bash.
start_silo() {
  local n=$1
  (
    cd "$ROOT/src/Silo/bin/Release/net10.0"
    export Silo__Port=$((11111 + n - 1)) Silo__GatewayPort=$((30000 + n - 1))
    exec setsid dotnet AiStudio.Silo.dll >>"$DATA/logs/silo-$n.log" 2>&1
  ) &
  echo $! >"$DATA/pids/silo-$n.pid"
  disown $!
}

start_api() {
  (
    cd "$ROOT/src/Api/bin/Release/net10.0"
    exec setsid dotnet AiStudio.Api.dll --urls "http://127.0.0.1:$API_PORT" >>"$DATA/logs/api.log" 2>&1
  ) &
  echo $! >"$DATA/pids/api.pid"
  disown $!
}

wait_until_ready() {
  local deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "http://127.0.0.1:$API_PORT/health/ready" 2>/dev/null; do
    if ! kill -0 "$(cat "$DATA/pids/api.pid")" 2>/dev/null; then
      echo "The API exited; last lines of $DATA/logs/api.log:" >&2
      tail -n 30 "$DATA/logs/api.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "The API was not ready within 180 s; see $DATA/logs/api.log and $DATA/logs/silo-*.log" >&2
      exit 1
    fi
    sleep 1
  done
}

# Reports a process that ended on its own (e.g. a silo killed in a drill) once; the rest keeps running.
report_exits() {
  local file pid
  for file in "$DATA"/pids/*.pid; do
    [[ -f $file ]] || continue
    pid=$(cat "$file")
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$file" .pid) (pid $pid) has exited; see $DATA/logs/$(basename "$file" .pid).log"
      rm -f "$file"
    fi
  done
}

ensure_prerequisites
mkdir -p "$DATA/pids" "$DATA/logs" "$DATA/media"
refuse_if_running
trap shutdown EXIT
trap 'exit 130' INT TERM

echo "Building (Release)..."
dotnet build AiStudio.sln -c Release -nologo -v quiet --tl:off </dev/null >"$DATA/logs/build.log" 2>&1 \
  || { tail -n 40 "$DATA/logs/build.log" >&2; exit 1; }

if [[ -z ${ConnectionStrings__AiStudio:-} ]]; then
  start_postgres
fi

API_KEY=${Auth__Keys__0__Key:-$(secret api-key)}
export Storage__Root=${Storage__Root:-$DATA/media}
export Storage__SigningKey=${Storage__SigningKey:-$(secret signing-key)}
export Auth__Keys__0__Key=$API_KEY
export Auth__Keys__0__WorkspaceId=${Auth__Keys__0__WorkspaceId:-ws_default}
export Auth__Keys__0__UserId=${Auth__Keys__0__UserId:-user_default}
export Auth__Keys__0__WebhookSecret=${Auth__Keys__0__WebhookSecret:-$(secret webhook-secret)}
# Silos put absolute, signed file links into webhooks, which no request to the API produces.
export Api__PublicBaseUrl=${Api__PublicBaseUrl:-http://127.0.0.1:$API_PORT}

if $FAST_FAILOVER; then
  # The drills' timings: seconds-long probes and reminders, runs unheard of for 15 s replaced. Too eager for production
  # networks; explicit settings in the environment win.
  export Cluster__FastFailureDetection=${Cluster__FastFailureDetection:-true}
  export Reminders__MinimumPeriod=${Reminders__MinimumPeriod:-00:00:03}
  export Images__ResumeCheckInterval=${Images__ResumeCheckInterval:-00:00:03}
  export Images__StaleRunAfter=${Images__StaleRunAfter:-00:00:15}
  export Videos__ResumeCheckInterval=${Videos__ResumeCheckInterval:-00:00:03}
  export Videos__StaleRunAfter=${Videos__StaleRunAfter:-00:00:15}
  export Videos__ProviderLeaseDuration=${Videos__ProviderLeaseDuration:-00:00:20}
fi

# Each silo applies the schema at start (an advisory lock makes concurrent starts safe).
for ((n = 1; n <= SILOS; n++)); do
  start_silo "$n"
done
start_api
wait_until_ready

cat <<EOF

AI Studio is running with $SILOS silo(s)$($FAST_FAILOVER && echo ", fast failover").
  URL:      http://127.0.0.1:$API_PORT
  API key:  $API_KEY
  Logs:     $DATA/logs/   PIDs: $DATA/pids/
  Try:      curl -H "Authorization: Bearer $API_KEY" http://127.0.0.1:$API_PORT/v1/projects
Press Ctrl-C to stop.
EOF

while true; do
  report_exits
  sleep 1 &
  wait $! || true
done
