#!/usr/bin/env bash
# Builds and runs every test against the real emulators, which it starts itself (or reuses), and ends with
# one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
tools/bootstrap.sh || exit 1

results=TestResults
rm -rf "$results"
mkdir -p "$results"

echo "Building…"
dotnet build GongTongDizao.sln --nologo -v quiet -clp:"Summary;ErrorsOnly" || exit 1

# One set of emulators for every test process; each process would otherwise race to start its own.
dotnet functions/GongTongDizao.DevHost/bin/Debug/net10.0/GongTongDizao.DevHost.dll --emulators-only > "$results/localstack.log" 2>&1 &
stack_pid=$!
trap 'kill $stack_pid 2>/dev/null; wait $stack_pid 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  grep -q "Local stack ready" "$results/localstack.log" && break
  kill -0 $stack_pid 2>/dev/null || { cat "$results/localstack.log"; exit 1; }
  sleep 0.5
done
grep -q "Local stack ready" "$results/localstack.log" || { echo "The emulators did not start:"; cat "$results/localstack.log"; exit 1; }

status=0
# Where fixtures write their log scans and generated suites their case counts (CaseTally.ResultsFolder).
export GTD_TEST_RESULTS="$PWD/$results"
dotnet test GongTongDizao.sln --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=1

if [ -f miniprogram-contract/package.json ]; then
  echo "Linting the contract (redocly, recommended rules)…"
  # "Lints clean" means no errors and no warnings.
  if ! npx --no-install redocly lint miniprogram-contract/openapi.yaml --format=stylish > "$results/contract-lint.log" 2>&1 \
     || grep -qiE "[0-9]+ warnings?" "$results/contract-lint.log"; then
    cat "$results/contract-lint.log"; status=1
  fi
  (cd miniprogram-contract && npm test --silent) > "$results/contract.log" 2>&1 || status=1
  cat "$results/contract.log"
fi

node tools/test-summary.mjs "$results" || status=1
exit $status
