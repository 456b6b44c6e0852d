#!/usr/bin/env bash
# Measures what each request costs (issue #11) and writes docs/performance.md.
#   ./bench.sh           the full run: 10 s per cell, fan-out to 10,000 and 100,000 residents
#   ./bench.sh --quick   a short run (under 5 minutes after the build): 2 s per cell, fan-out to 1,000 and 10,000 residents
# Timings are ratios to a baseline measured in the same run, because the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")"
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"
tools/bootstrap.sh

echo "Building (Release)…"
for project in functions/GongTongDizao.DevHost bench/GongTongDizao.Bench bench/GongTongDizao.Benchmarks; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly
done
# The store-call counts come from the end-to-end test of ./test.sh (a Debug build, like the rest of the suite).
dotnet build tests/GongTongDizao.EndToEnd.Tests --nologo -v quiet -clp:ErrorsOnly

work=$(mktemp -d)
devhost=functions/GongTongDizao.DevHost/bin/Release/net10.0/GongTongDizao.DevHost.dll
bench=bench/GongTongDizao.Bench/bin/Release/net10.0/GongTongDizao.Bench.dll

# One set of emulators for every part, as in ./test.sh; each DevHost the parts start reuses them. The Cosmos emulator
# answers after an in-region round trip of Azure (5 ms) instead of loopback's fraction of a millisecond, so that an
# endpoint's ratio to the raw SDK call counts the round trips it waits for, not the app's fixed cost per request.
dotnet "$devhost" --emulators-only --LocalStack:StartTimeout=00:04:00 --LocalStack:CosmosLatency=00:00:00.005 > "$work/localstack.log" 2>&1 &
stack_pid=$!
trap 'kill $stack_pid 2>/dev/null; wait $stack_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  grep -q "Local stack ready" "$work/localstack.log" && break
  kill -0 $stack_pid 2>/dev/null || { cat "$work/localstack.log"; exit 1; }
  sleep 0.5
done

started=$(date +%s)
echo "Start-up…";        dotnet "$bench" startup $quick --out "$work/1-startup.md" > /dev/null
echo "API overhead…";    dotnet "$bench" api $quick --out "$work/2-api.md" > /dev/null
echo "Store calls…"
GTD_TEST_RESULTS="$work" dotnet test tests/GongTongDizao.EndToEnd.Tests --no-build --nologo -v quiet \
  --filter "FullyQualifiedName~Performance.StoreCallTests|FullyQualifiedName~Performance.WorkerLoggingTests" > "$work/store-calls.log" 2>&1 || { cat "$work/store-calls.log"; exit 1; }
{ cat "$work/store-calls.md"; echo; cat "$work/worker-logging.md"; } > "$work/3-store-calls.md"
echo "Fan-out…";         dotnet "$bench" fanout $quick --out "$work/4-fanout.md" > /dev/null
echo "In-process…";      dotnet bench/GongTongDizao.Benchmarks/bin/Release/net10.0/GongTongDizao.Benchmarks.dll $quick --out "$work/5-inprocess.md" > /dev/null

{
  cat bench/performance-intro.md
  echo
  echo "## This run"
  echo
  echo "- Mode: $([ -n "$quick" ] && echo 'quick (`./bench.sh --quick`)' || echo 'full (`./bench.sh`)'), $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - started )) s"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- .NET $(dotnet --version), Node $(node --version); emulators: Azurite and @vercel/cosmosdb-server (in-memory, single-threaded)"
  for section in "$work"/[1-5]-*.md; do echo; cat "$section"; done
} > docs/performance.md
cat docs/performance.md
