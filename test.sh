#!/usr/bin/env bash
# Runs every test. Fixtures start PostgreSQL, Redis and an S3-compatible store themselves:
# Testcontainers when a Docker engine is present, otherwise throw-away local servers
# (scripts/services.sh installs them from Debian and npm when missing).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test app.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One plain summary line that any CI can read.
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
if [[ $summary =~ Failed:\ +([0-9]+),\ Passed:\ +([0-9]+),\ Skipped:\ +([0-9]+) ]]; then
  echo "tests: ${BASH_REMATCH[2]} passed, ${BASH_REMATCH[1]} failed, ${BASH_REMATCH[3]} skipped"
fi
exit "$status"
