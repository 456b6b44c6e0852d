#!/usr/bin/env bash
# The longer load run of issue #12: 50 concurrent residents for 60 s (./test.sh runs the same test for 15 s).
set -euo pipefail
cd "$(dirname "$0")"
tools/bootstrap.sh
RELIABILITY_LOAD_SECONDS="${RELIABILITY_LOAD_SECONDS:-60}" dotnet test tests/GongTongDizao.EndToEnd.Tests \
  --filter "FullyQualifiedName~Reliability.LoadTests" --logger "console;verbosity=normal"
