#!/usr/bin/env bash
# Runs every test of ParkCommunity against real servers.
#
# Installs what is missing (Debian packages: influxdb, mosquitto, postgresql, chromium and a CJK font for the
# browser tests, npm for the web front end), starts each server on
# 127.0.0.1 on a free port in a temporary folder, runs `dotnet test` over the solution, and stops the
# servers again — also when the tests fail or the script is interrupted.
#
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Gateway]
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
  local missing=()
  command -v influxd >/dev/null || missing+=(influxdb)
  command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
  command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null || missing+=(chromium)
  # The dashboard speaks zh-CN by default; without a CJK font its screenshots show boxes.
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
  # The web dashboard's front end is built with npm during `dotnet build`.
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    as_root apt-get update -qq
    # The packages' own services are not wanted: we run private instances on free ports.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port found"; exit 1
}

wait_for() { # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "$name did not come up within ${seconds}s; its log:"; cat "$work/$name.log" >&2 || true
  exit 1
}

work=$(mktemp -d -t parkcommunity-test-XXXXXX)
pids=()
pg_ctl=""
stop_servers() {
  local code=$?
  log "stopping servers"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$pg_ctl" ]; then $pg_ctl stop -m fast >/dev/null 2>&1 || true; fi
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  exit $code
}
trap stop_servers EXIT INT TERM

install_missing

# InfluxDB 1.x: HTTP API only, no reporting, data in the temp folder.
influx_port=$(free_port); influx_rpc=$(free_port)
mkdir -p "$work/influx"
cat > "$work/influx/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$influx_rpc"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd -config "$work/influx/influxdb.conf" >"$work/influxd.log" 2>&1 &
pids+=($!)

# mosquitto: anonymous, loopback only; tests that need authentication start their own instance.
mosquitto_port=$(free_port)
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mosquitto_port" > "$work/mosquitto.conf"
"$mosquitto_bin" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
pids+=($!)

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
pg_port=$(free_port)
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")
mkdir -p "$work/pg"
run_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work/pg"; chmod 755 "$work"; run_pg=(runuser -u postgres --); fi
"${run_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >"$work/postgres.log" 2>&1
pg_ctl="${run_pg[*]} $pg_bin/pg_ctl -D $work/pg/data"
"${run_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >>"$work/postgres.log" 2>&1

wait_for influxd 30 curl -sf "http://127.0.0.1:$influx_port/ping"
wait_for mosquitto 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$mosquitto_port"
wait_for postgres 30 "${run_pg[@]}" "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
log "InfluxDB :$influx_port  mosquitto :$mosquitto_port  PostgreSQL :$pg_port  (in $work)"

export PC_TEST_INFLUXDB_URL="http://127.0.0.1:$influx_port"
export PC_TEST_MOSQUITTO_PORT="$mosquitto_port"
export PC_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=unused"
export PC_TEST_CHROMIUM="$(command -v chromium)"
# Screenshots and other files tests leave for people to look at (ignored by git).
export PC_TEST_ARTIFACTS="$PWD/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

set +e
dotnet test ParkCommunity.sln --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$work/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, e.g. "Tests: 412 passed, 0 failed, 0 skipped".
grep -E '^(Passed|Failed)!' "$work/dotnet-test.log" | awk -F'[:,]' '
  { for (i = 1; i <= NF; i++) { gsub(/ /, "", $i) }
    for (i = 1; i < NF; i++) { if ($i ~ /Failed$/) f += $(i+1); if ($i == "Passed") p += $(i+1); if ($i == "Skipped") s += $(i+1) } }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }'
exit "$status"
