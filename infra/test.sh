#!/usr/bin/env bash
# The test command: every test of Registry.sln against SQLite and a throwaway local PostgreSQL cluster.
# Prints `tests: N passed, N failed, N skipped` as its last line.
#   REGISTRY_REQUIRE_POSTGRES=1  a missing PostgreSQL is a failure (CI sets it); otherwise its tests are left out.
# Extra arguments go to `dotnet test`, e.g. `bash infra/test.sh --filter "FullyQualifiedName~Sealed"` (with PostgreSQL up).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

pg_bin=""
find_pg() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_bin=$(pg_config --bindir); return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin=$d; return 0; fi
  done
  return 1
}

if ! find_pg && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not found: installing Debian's postgresql package..."
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || echo "apt-get install postgresql failed"
  find_pg || true
fi

pg_dir=""
pg_port=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT INT TERM

pg_user=""
run_as_pg() {
  if [ -n "$pg_user" ]; then
    local cmd; printf -v cmd '%q ' "$@"
    su -s /bin/sh "$pg_user" -c "$cmd"
  else
    "$@"
  fi
}

start_pg() {
  [ -n "$pg_bin" ] || return 1
  # initdb refuses to run as root: the cluster belongs to an unprivileged user.
  if [ "$(id -u)" = 0 ]; then
    pg_user=postgres
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user" || return 1
  fi
  pg_dir=$(mktemp -d /tmp/registry-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ -n "$pg_user" ] && chown "$pg_user" "$pg_dir"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
  run_as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U registry --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || run_as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U registry --auth=trust --encoding=UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; return 1; }
  run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null \
    || { cat "$pg_dir/server.log"; return 1; }
}

filter=()
if start_pg; then
  export REGISTRY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=registry;Database=postgres;Pooling=true;Maximum Pool Size=50"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') test cluster on 127.0.0.1:$pg_port"
else
  if [ "${REGISTRY_REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "PostgreSQL is required (REGISTRY_REQUIRE_POSTGRES=1) but could not be installed or started."
    echo "tests: 0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  echo "PostgreSQL is not available: running the SQLite tests only (set REGISTRY_REQUIRE_POSTGRES=1 to make this a failure)."
  filter=(--filter "Provider!=PostgreSql")
fi

log=$(mktemp /tmp/registry-test.XXXXXX.log)
dotnet test "$root/Registry.sln" "${filter[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum() { grep -E "^\s*(Passed|Failed)!\s+-" "$log" | sed -E "s/.*$1:\s+([0-9]+).*/\1/" | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi  # a build or runner failure counts as one
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
