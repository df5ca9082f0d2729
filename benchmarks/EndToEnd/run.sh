#!/usr/bin/env bash
# End-to-end throughput benchmark (README "Measurements"): 1,000 devices, each on its own connection with its own
# credentials, QoS 1, through the gateway's in-process broker into a private InfluxDB 1.x, beside two ceilings measured
# in the same sitting: (a) InfluxDB alone, the same points in 5,000-point batches; (b) the broker alone, a sink that
# acknowledges at once. Each figure is the median of RUNS runs of MESSAGES messages after WARMUP warm-up runs. Rates and
# CPU count from the first publish, once all DEVICES connections are up (connecting verifies a PBKDF2 credential per
# device, which is not per-message work); CPU per message is user+sys from /proc/<pid>/stat, which holds even when
# other work shares the cores, and the load tool's own figure from the process itself.
#
#   benchmarks/EndToEnd/run.sh          # ENGINE=raw MESSAGES=1000000 RUNS=3 WARMUP=3 DEVICES=1000 IN_FLIGHT=50
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ENGINE=${ENGINE:-raw}; MESSAGES=${MESSAGES:-1000000}; RUNS=${RUNS:-3}; WARMUP=${WARMUP:-3}; DEVICES=${DEVICES:-1000}; IN_FLIGHT=${IN_FLIGHT:-50}
work=$(mktemp -d /tmp/pc-e2e.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }                      # user+sys, clock ticks
us_per_msg() { python3 -c "print(f'{($2-$1)*1e6/$(getconf CLK_TCK)/$3:.1f}')"; }
median() { python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

echo "building (Release)…"
for p in gateway simulators benchmarks/EndToEnd; do dotnet build -c Release "$root/$p" -v q -nologo >/dev/null; done
gateway=$root/gateway/bin/Release/net10.0/ParkCommunity.Gateway
load_bin=$root/simulators/bin/Release/net10.0/ParkCommunity.Simulators
tools=$root/benchmarks/EndToEnd/bin/Release/net10.0/ParkCommunity.EndToEnd
# One device per connection, each with its own credentials (demo rule), generated fresh for the run.
registry=$work/registry-$DEVICES.yaml
"$tools" registry --devices "$DEVICES" --out "$registry" >/dev/null
# The load tool plays many small devices: socket completions run inline and idle threads do not spin, so its CPU
# stays small beside the system under test on a 2-core machine.
# load PORT COUNT [PID...]: runs the load tool; prints its output, then the CPU ticks each PID used while publishing.
load() {
  local port=$1 count=$2; shift 2
  local out=$work/load.out; : >"$out"
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
    "$load_bin" load --engine "$ENGINE" --port "$port" --registry "$registry" --devices "$DEVICES" \
    --messages "$count" --in-flight "$IN_FLIGHT" >"$out" 2>&1 & local load_pid=$!
  for _ in $(seq 1 3000); do grep -q "publishing\|Summary\|failed:" "$out" && break; sleep 0.01; done
  local before=(); for p in "$@"; do before+=("$(ticks "$p")"); done
  wait "$load_pid" || { cat "$out" >&2; exit 1; }
  cat "$out"
  local i=0; for p in "$@"; do echo "TICKS $p $(( $(ticks "$p") - before[i] ))"; i=$((i+1)); done
}
# Tiered JIT (with PGO) keeps recompiling for a few million messages; measured after it settles, as in a running gateway.
warm_up() { for _ in $(seq 1 "$WARMUP"); do load "$1" "$MESSAGES" >/dev/null; done; }
rate_of() { grep Summary <<<"$1" | sed 's/.*rate \([0-9.]*\).*/\1/'; }
load_us() { grep Summary <<<"$1" | sed 's/.*load tool CPU \([0-9.]*\).*/\1/'; }
us_of() { python3 -c "print(f'{$(grep "^TICKS $2 " <<<"$1" | cut -d' ' -f3)*1e6/$(getconf CLK_TCK)/$3:.1f}')"; }
wait_for() { for _ in $(seq 1 150); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done; echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }

# --- a private InfluxDB with a large cache, so snapshots do not stall writes mid-run
influx_port=$(free_port); mkdir -p "$work/influx"
cat > "$work/influx/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$(free_port)"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
  cache-max-memory-size = "2g"
  cache-snapshot-memory-size = "256m"
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd -config "$work/influx/influxdb.conf" >"$work/influx.log" 2>&1 & influx_pid=$!; pids+=("$influx_pid")
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$influx_port/ping" >/dev/null && break; sleep 0.2; done
count() { curl -s "http://127.0.0.1:$influx_port/query?db=$1" --data-urlencode 'q=SELECT count(seq) FROM light' \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; print(r["series"][0]["values"][0][1] if "series" in r else 0)'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- (a) InfluxDB alone
rates=(); cpus=()
for run in $(seq 1 "$RUNS"); do
  i0=$(ticks "$influx_pid")
  out=$("$tools" influx --url "http://127.0.0.1:$influx_port/" --database "ceiling$run" --devices "$DEVICES" --points "$MESSAGES" --batch 5000 --writers 4)
  i1=$(ticks "$influx_pid")
  rates+=("$(sed 's/.*s, \([0-9]*\) points\/s.*/\1/' <<<"$out")"); cpus+=("$(us_per_msg "$i0" "$i1" "$MESSAGES")")
  echo "  influx alone run $run: $out; influxd $(us_per_msg "$i0" "$i1" "$MESSAGES") µs CPU/point; stored $(count "ceiling$run")"
done
influx_rate=$(median "${rates[@]}"); influx_cpu=$(median "${cpus[@]}")

# --- (b) the broker alone
broker_port=$(free_port)
"$tools" broker --registry "$registry" --port "$broker_port" >"$work/broker.log" 2>&1 & broker_pid=$!; pids+=("$broker_pid")
wait_for "$work/broker.log" "listening"
warm_up "$broker_port"
rates=(); cpus=(); lcpus=()
for run in $(seq 1 "$RUNS"); do
  out=$(load "$broker_port" "$MESSAGES" "$broker_pid")
  rates+=("$(rate_of "$out")"); cpus+=("$(us_of "$out" "$broker_pid" "$MESSAGES")"); lcpus+=("$(load_us "$out")")
  echo "  broker alone run $run: $(grep Summary <<<"$out"); broker $(us_of "$out" "$broker_pid" "$MESSAGES") µs CPU/msg"
done
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
broker_rate=$(median "${rates[@]}"); broker_cpu=$(median "${cpus[@]}"); broker_load_cpu=$(median "${lcpus[@]}")

# --- end to end: devices → in-process broker → gateway → InfluxDB, PUBACK only once durable
gw_port=$(free_port)
"$gateway" run --Gateway:Broker:Port="$gw_port" --Gateway:RegistryPath="$registry" --Gateway:DataDirectory="$work/gateway" \
  --TelemetryStore:Backend=InfluxDb --TelemetryStore:InfluxDb:Url="http://127.0.0.1:$influx_port" \
  --TelemetryStore:InfluxDb:Database=e2e --TelemetryStore:InfluxDb:CreateDatabase=true >"$work/gateway.log" 2>&1 & gw_pid=$!; pids+=("$gw_pid")
wait_for "$work/gateway.log" "listening"
warm_up "$gw_port"
stored=$(count e2e)
rates=(); gcpus=(); icpus=(); lcpus=(); lost=0
for run in $(seq 1 "$RUNS"); do
  out=$(load "$gw_port" "$MESSAGES" "$gw_pid" "$influx_pid")
  now=$(count e2e); new=$((now - stored)); stored=$now; [ "$new" -eq "$MESSAGES" ] || lost=1
  rates+=("$(rate_of "$out")"); gcpus+=("$(us_of "$out" "$gw_pid" "$MESSAGES")"); icpus+=("$(us_of "$out" "$influx_pid" "$MESSAGES")"); lcpus+=("$(load_us "$out")")
  echo "  end to end run $run: $(grep Summary <<<"$out"); stored $new; gateway $(us_of "$out" "$gw_pid" "$MESSAGES"), influxd $(us_of "$out" "$influx_pid" "$MESSAGES") µs CPU/msg"
done
e2e_rate=$(median "${rates[@]}")

echo
echo "| what (median of $RUNS × $MESSAGES, $DEVICES devices, engine $ENGINE, window $IN_FLIGHT) | msg/s | µs CPU per message |"
echo "|---|---:|---|"
echo "| (a) InfluxDB alone, 5,000-point batches, 4 writers | $influx_rate | influxd $influx_cpu |"
echo "| (b) broker alone (no-op sink) | $broker_rate | broker $broker_cpu, load tool $broker_load_cpu |"
echo "| end to end, PUBACK after durable | $e2e_rate | gateway $(median "${gcpus[@]}"), influxd $(median "${icpus[@]}"), load tool $(median "${lcpus[@]}") |"
lower=$(python3 -c "print(min($influx_rate,$broker_rate))")
echo "end to end = $(python3 -c "print(f'{100*$e2e_rate/$lower:.0f}')") % of the lower ceiling ($lower msg/s); loss: $([ $lost -eq 0 ] && echo none || echo YES)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ $lost -eq 0 ]
