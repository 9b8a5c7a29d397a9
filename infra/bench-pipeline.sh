#!/usr/bin/env bash
# The pipeline's own cost: GET /api/v1/bases/{id} through the full host with a bearer token (token validation, MediatR,
# validation, authorization, Dapper) against the bare fixture tests/Registry.PipelineBaseline (the same Dapper query on a
# copy of the same SQLite file), in alternating wrk runs. Prints each round's rates and the ratio full / bare.
#   bash infra/bench-pipeline.sh                       3 rounds of 10 s per endpoint, -t2 -c16
#   ROUNDS=5 SECONDS_PER_RUN=10 bash infra/bench-pipeline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}; seconds=${SECONDS_PER_RUN:-10}; warm=${WARMUP_SECONDS:-5}
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)."; exit 1; }

dotnet build -c Release -v q src/Registry.Api >/dev/null
dotnet build -c Release -v q tests/Registry.PipelineBaseline >/dev/null

work=$(mktemp -d /tmp/registry-bench-pipeline.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not answering: $1"; exit 1; }

full_port=$(free_port)
full=http://127.0.0.1:$full_port
ASPNETCORE_ENVIRONMENT=Development Database__DataFolder="$work/data" RateLimiting__Enabled=false Jobs__Enabled=false \
  Logging__LogLevel__Default=Warning dotnet src/Registry.Api/bin/Release/net10.0/Registry.Api.dll --urls "$full" \
  >"$work/full.log" 2>&1 &
pids+=($!)
wait_for "$full/health/ready"

token=$(curl -sf "$full/connect/token" -d grant_type=client_credentials -d client_id=demo-cd-health \
  -d client_secret=demo-secret-cd-health -d scope=registry.api | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
id=$(curl -sf "$full/api/v1/bases?pageSize=1" | python3 -c 'import sys, json; print(json.load(sys.stdin)["items"][0]["id"])')

# An online backup: the host keeps the file open in WAL mode, so a plain copy could miss committed pages.
python3 -c 'import sqlite3, sys; d = sqlite3.connect(sys.argv[2]); sqlite3.connect(sys.argv[1]).backup(d); d.close()' \
  "$work/data/registry.db" "$work/bare.db"
bare_port=$(free_port)
bare=http://127.0.0.1:$bare_port
Logging__LogLevel__Default=Warning dotnet tests/Registry.PipelineBaseline/bin/Release/net10.0/Registry.PipelineBaseline.dll "$work/bare.db" --urls "$bare" \
  >"$work/bare.log" 2>&1 &
pids+=($!)
wait_for "$bare/api/v1/bases/$id"

full_body=$(curl -sf -H "Authorization: Bearer $token" "$full/api/v1/bases/$id")
bare_body=$(curl -sf "$bare/api/v1/bases/$id")
[ "$full_body" = "$bare_body" ] || { echo "The two endpoints answer differently:"; echo "$full_body"; echo "$bare_body"; exit 1; }

rate() { wrk -t2 -c16 -d"$1"s "${@:2}" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }
rate "$warm" -H "Authorization: Bearer $token" "$full/api/v1/bases/$id" >/dev/null
rate "$warm" "$bare/api/v1/bases/$id" >/dev/null

# The server's CPU time (user + system, from /proc) over one run, in microseconds per request: it moves much less with the
# machine's load than the rate does, since it leaves out the time the server waited for a core.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks=$(getconf CLK_TCK)
measured() { # pid seconds wrk-arguments... → "rate microseconds-per-request"
  local pid=$1 before after; before=$(cpu_ticks "$pid")
  local r; r=$(rate "${@:2}"); after=$(cpu_ticks "$pid")
  echo "$r $(python3 -c "print(f'{1e6 * ($after - $before) / $ticks / max(1, $r * ${2}):.0f}')")"
}

echo "GET /api/v1/bases/$id, wrk -t2 -c16 -d${seconds}s, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "| round | full host, bearer token (requests/s) | bare endpoint (requests/s) | ratio | server CPU per request, full / bare (µs) | load |"
echo "|---|---:|---:|---:|---:|---:|"
full_sum=0; bare_sum=0
for round in $(seq 1 "$rounds"); do
  read -r f fc < <(measured "${pids[0]}" "$seconds" -H "Authorization: Bearer $token" "$full/api/v1/bases/$id")
  read -r b bc < <(measured "${pids[1]}" "$seconds" "$bare/api/v1/bases/$id")
  full_sum=$((full_sum + f)); bare_sum=$((bare_sum + b))
  echo "| $round | $f | $b | $(python3 -c "print(f'{$f / $b:.2f}')") | $fc / $bc | $(cut -d' ' -f1 /proc/loadavg) |"
done
echo "| all | $((full_sum / rounds)) | $((bare_sum / rounds)) | $(python3 -c "print(f'{$full_sum / $bare_sum:.2f}')") | | |"
