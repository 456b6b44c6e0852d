#!/usr/bin/env bash
# Builds and runs every test against the real emulators, which it starts itself (or reuses), and ends with
# one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
tools/bootstrap.sh || exit 1

results=TestResults
rm -rf "$results"
mkdir -p "$results"

phase() { echo "$1 took $((SECONDS - phase_start)) s" >> "$results/phases.log"; phase_start=$SECONDS; }
phase_start=$SECONDS
echo "Building…"
# With the compiler server (UseSharedCompilation, which some environments turn off) every project is compiled by one
# warm process: a clean build took 108 s instead of 169 s here. The server is stopped right after, so nothing the
# build started outlives it.
dotnet build GongTongDizao.sln --nologo -v quiet -clp:"Summary;ErrorsOnly" -p:UseSharedCompilation=true; build_status=$?
dotnet build-server shutdown > /dev/null 2>&1
[ $build_status -eq 0 ] || exit 1
phase "Build"

# One set of emulators for every test process; each process would otherwise race to start its own.
dotnet functions/GongTongDizao.DevHost/bin/Debug/net10.0/GongTongDizao.DevHost.dll --emulators-only > "$results/localstack.log" 2>&1 &
stack_pid=$!
app_pid=
trap 'kill $app_pid $stack_pid 2>/dev/null; wait $app_pid $stack_pid 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  grep -q "Local stack ready" "$results/localstack.log" && break
  kill -0 $stack_pid 2>/dev/null || { cat "$results/localstack.log"; exit 1; }
  sleep 0.5
done
grep -q "Local stack ready" "$results/localstack.log" || { echo "The emulators did not start:"; cat "$results/localstack.log"; exit 1; }

phase "Starting the emulators"
status=0
# Where fixtures write their log scans and generated suites their case counts (CaseTally.ResultsFolder).
export GTD_TEST_RESULTS="$PWD/$results"
dotnet test GongTongDizao.sln --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=1
phase "The test projects"

# Outside contract checks (tools/contract, npm validators): every exchange the end-to-end tests recorded
# (ExchangeRecorder), then a suite generated from openapi.yaml (portman + newman) against the app as a black box,
# started here over HTTP (it warms up while the recorded exchanges are checked). The contract's lint and its
# TypeScript client's tests need neither, so they run beside them; each part writes its own log and status.
app_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
dotnet functions/GongTongDizao.DevHost/bin/Debug/net10.0/GongTongDizao.DevHost.dll --urls="http://127.0.0.1:$app_port" --DevHost:FunctionKey=outside-check-key > "$results/blackbox-app.log" 2>&1 &
app_pid=$!
checker_tests() {
  node --test --test-reporter=tap tools/contract/ > "$results/tools.log" 2>&1 || return 1
}
exchanges_and_blackbox() {
  local failed=0
  echo "Checking the end-to-end exchanges against the contract…"
  node tools/contract/check-exchanges.mjs "$results" > "$results/outside-exchanges.log" 2>&1 || failed=1
  echo "Running the generated contract and negative-input suite against the app…"
  node tools/contract/blackbox.mjs "$results" "http://127.0.0.1:$app_port" outside-check-key > "$results/outside-blackbox.log" 2>&1 || failed=1
  return $failed
}
contract_lint_and_client() {
  [ -f miniprogram-contract/package.json ] || return 0
  local failed=0
  echo "Linting the contract (redocly, recommended rules)…"
  # "Lints clean" means no errors and no warnings.
  if ! npx --no-install redocly lint miniprogram-contract/openapi.yaml --format=stylish > "$results/contract-lint.log" 2>&1 \
     || grep -qiE "[0-9]+ warnings?" "$results/contract-lint.log"; then
    cat "$results/contract-lint.log"; failed=1
  fi
  (cd miniprogram-contract && npm test --silent) > "$results/contract.log" 2>&1 || failed=1
  return $failed
}
checker_tests & tools_pid=$!
exchanges_and_blackbox & outside_pid=$!
contract_lint_and_client & contract_pid=$!
wait $tools_pid || status=1
wait $outside_pid || status=1
wait $contract_pid || status=1
kill $app_pid 2>/dev/null; wait $app_pid 2>/dev/null; app_pid=
[ -f "$results/contract.log" ] && cat "$results/contract.log"

phase "Outside checks, lint and contract tests"
cat "$results/phases.log"
node tools/test-summary.mjs "$results" || status=1
exit $status
