#!/usr/bin/env bash
# Lints docs/openapi.json with Spectral (OpenAPI + OWASP API Security rulesets, tools/spectral/.spectral.yaml).
# Fails on any error; warnings are printed. Spectral and the ruleset are pinned in tools/spectral/package-lock.json
# and installed there on first use (npm ci; needs Node 20 + npm, like tools/s3rver).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
dir=tools/spectral
# .package-lock.json is written last by npm; a lockfile newer than it means the pins changed.
if [[ ! -x $dir/node_modules/.bin/spectral || ! -f $dir/node_modules/.package-lock.json ||
  $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
  command -v npm >/dev/null 2>&1 || { echo "lint-openapi: npm not found (need Node 20 + npm)" >&2; exit 1; }
  echo "lint-openapi: installing Spectral (npm ci in $dir)" >&2
  # No dependency needs an install script; skipping them keeps the install inert.
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
"$dir/node_modules/.bin/spectral" lint docs/openapi.json --ruleset "$dir/.spectral.yaml" --fail-severity error "$@"
