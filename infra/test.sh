#!/usr/bin/env bash
# The test command: every test of Registry.sln against SQLite and a throwaway local PostgreSQL cluster.
# Prints `tests: N passed, N failed, N skipped` as its last line.
#   REGISTRY_REQUIRE_POSTGRES=1  a missing PostgreSQL is a failure (CI sets it); otherwise its tests are left out.
# Extra arguments go to `dotnet test`, e.g. `bash infra/test.sh --filter "FullyQualifiedName~Sealed"` (with PostgreSQL up).
# The portal's tests (Vitest, then Playwright in headless Chromium against a real host) run after them when no arguments are
# given, or when REGISTRY_WEB_TESTS=1; REGISTRY_WEB_TESTS=0 leaves them out. Chromium and a Chinese font are installed from
# Debian when missing (as root); without Node.js 20.19+ they are left out, and REGISTRY_REQUIRE_WEB=1 makes that a failure.
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

web_dir="$root/src/Registry.Web"
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; }
# The .NET tests lint the OpenAPI document with the portal's Spectral, so the portal's packages come first.
npm_status=0
if node_ok; then
  ( cd "$web_dir" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } ) || npm_status=1
fi

log=$(mktemp /tmp/registry-test.XXXXXX.log)
# Figures the tests measure and report (the relevance set's recall@10), printed after the run.
export REGISTRY_REPORT_DIR; REGISTRY_REPORT_DIR=$(mktemp -d /tmp/registry-report.XXXXXX)
dotnet test "$root/Registry.sln" "${filter[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum() { grep -E "^\s*(Passed|Failed)!\s+-" "$log" | sed -E "s/.*$1:\s+([0-9]+).*/\1/" | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi  # a build or runner failure counts as one
rm -f "$log"
cat "$REGISTRY_REPORT_DIR"/*.txt 2>/dev/null; rm -rf "$REGISTRY_REPORT_DIR"

web="${REGISTRY_WEB_TESTS:-}"
[ -z "$web" ] && { [ $# = 0 ] && web=1 || web=0; }
web_fail() { echo "$1"; if [ "${REGISTRY_REQUIRE_WEB:-0}" = 1 ]; then failed=$((failed + 1)); status=1; fi; }
if [ "$web" = 1 ]; then
  if ! node_ok; then
    web_fail "Node.js 20.19 or later is not available: the portal's tests are left out (REGISTRY_REQUIRE_WEB=1 makes that a failure)."
  else
    chromium_bin="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
    if { [ -z "$chromium_bin" ] || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; } && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing Debian's chromium and a Chinese font for the browser tests..."
      apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 || echo "apt-get install chromium failed"
      chromium_bin="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
    fi
    [ "$npm_status" = 0 ] || web_fail "npm ci failed in src/Registry.Web."
    count() { node -e "$1" "$2" 2>/dev/null || echo "0 1 0"; }
    # Vitest: formatting and the API client.
    unit_json=$(mktemp /tmp/registry-vitest.XXXXXX.json)
    ( cd "$web_dir" && npx vitest run --reporter=default --reporter=json --outputFile="$unit_json" ) || status=1
    read -r p f s < <(count 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites && !r.success && !r.numFailedTests ? 1 : 0), r.numPendingTests + r.numTodoTests)' "$unit_json")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); rm -f "$unit_json"
    # Playwright: the portal in headless Chromium against a real host with demo data (the host was built by dotnet test above).
    if [ -z "$chromium_bin" ]; then
      web_fail "Chromium is not available: the browser tests are left out."
    else
      browser_json=$(mktemp /tmp/registry-playwright.XXXXXX.json)
      ( cd "$web_dir" && CHROMIUM_PATH="$chromium_bin" PLAYWRIGHT_JSON_OUTPUT_NAME="$browser_json" npx playwright test --reporter=list,json ) || status=1
      read -r p f s < <(count 'const r=require(process.argv[1]).stats; console.log(r.expected + r.flaky, r.unexpected + ((r.expected + r.unexpected) === 0 ? 1 : 0), r.skipped)' "$browser_json")
      passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s)); rm -f "$browser_json"
    fi
  fi
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
