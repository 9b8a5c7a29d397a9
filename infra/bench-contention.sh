#!/usr/bin/env bash
# Latency under contention and write throughput against the real host, on SQLite and on a throwaway local PostgreSQL
# cluster (as infra/test.sh starts one). Prints Markdown tables for docs/performance.md. Run it on a quiet machine.
#   bash infra/bench-contention.sh                                  full run (200 bids per phase, 10 s per throughput cell)
#   bash infra/bench-contention.sh --samples 40 --seconds 3         a quick check that it works
#   PROVIDERS=Sqlite bash infra/bench-contention.sh                 one provider only
# Extra arguments go to `dotnet run ... -- contention` (--samples, --seconds, --writers 1,4,16, --import-rows 5000).
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${PROVIDERS:-"Sqlite PostgreSql"}

dotnet build -c Release -v q src/Registry.Api >/dev/null
dotnet build -c Release -v q tests/Registry.Benchmarks >/dev/null

pg_bin=""; pg_dir=""; pg_user=""
run_as_pg() {
  if [ -n "$pg_user" ]; then local cmd; printf -v cmd '%q ' "$@"; su -s /bin/sh "$pg_user" -c "$cmd"; else "$@"; fi
}
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT INT TERM

for provider in $providers; do
  extra=()
  if [ "$provider" = PostgreSql ]; then
    for d in $( (command -v pg_config >/dev/null && pg_config --bindir) ; ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$d/initdb" ]; then pg_bin=$d; break; fi
    done
    [ -n "$pg_bin" ] || { echo "PostgreSQL server binaries not found (Debian package postgresql)."; exit 1; }
    if [ "$(id -u)" = 0 ]; then pg_user=postgres; id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"; fi
    pg_dir=$(mktemp -d /tmp/registry-bench-pg.XXXXXX); chmod 755 "$pg_dir"; [ -n "$pg_user" ] && chown "$pg_user" "$pg_dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    run_as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U registry --auth=trust --encoding=UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1
    # fsync stays on: a commit costs what it costs in production.
    run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    extra=(--postgres "Host=127.0.0.1;Port=$port;Username=registry;Database=postgres")
  fi
  dotnet run -c Release --no-build --project tests/Registry.Benchmarks -- contention --provider "$provider" "${extra[@]}" "$@"
  echo
done
