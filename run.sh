#!/usr/bin/env bash
# Runs the whole backend locally: emulators, WeChat simulator and the Functions app on http://localhost:7071/api.
set -euo pipefail
cd "$(dirname "$0")"
tools/bootstrap.sh
echo "Building…"
dotnet build functions/GongTongDizao.DevHost --nologo -v quiet -clp:ErrorsOnly
exec dotnet run --no-build --project functions/GongTongDizao.DevHost -- "$@"
