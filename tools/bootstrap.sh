#!/usr/bin/env bash
# Installs what a fresh clone lacks: the pinned npm packages (emulators, linters, the contract's TypeScript tools).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dot.net" >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js 20+ with npm is required" >&2; exit 1; }
install_if_stale() { # dir
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing npm packages in $dir…"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_if_stale .
if [ -f miniprogram-contract/package-lock.json ]; then install_if_stale miniprogram-contract; fi
