#!/usr/bin/env bash
# Runs the whole system on this machine, in the foreground: PostgreSQL, Redis and an S3-compatible
# store (installed from Debian/npm when missing, data under .data/), migrations, then the API on
# http://127.0.0.1:8080 (web app at /) and the worker (health on :8081). Ctrl-C stops everything; data is kept.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

data=${TASKLANE_DATA:-$PWD/.data}
api_url=${TASKLANE_API_URL:-http://127.0.0.1:8080}
worker_url=${TASKLANE_WORKER_URL:-http://127.0.0.1:8081}

echo "run: starting PostgreSQL, Redis and s3rver (data in $data)"
env_file=$(scripts/services.sh up "$data")
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

echo "run: building"
dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dotnet build src/Tasklane.Worker/Tasklane.Worker.csproj -c Release -v q -nologo >/dev/null
bin=bin/Release/net10.0
export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Production}
# A local run's webhook receivers are usually on this machine too; production keeps the SSRF guard on.
export Webhooks__AllowPrivateTargets=${Webhooks__AllowPrivateTargets:-true}

echo "run: migrating"
dotnet "src/Tasklane.Api/$bin/Tasklane.Api.dll" migrate

pids=()
stop() {
  trap - INT TERM EXIT
  echo "run: stopping"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  scripts/services.sh down "$data" >/dev/null 2>&1 || true
}
trap stop INT TERM EXIT

dotnet "src/Tasklane.Worker/$bin/Tasklane.Worker.dll" --urls "$worker_url" &
pids+=($!)
dotnet "src/Tasklane.Api/$bin/Tasklane.Api.dll" --urls "$api_url" &
pids+=($!)
echo "run: web app on $api_url/, API on $api_url/api/v1, worker health on $worker_url/health/ready (Ctrl-C stops)"

# Either host exiting ends the run.
wait -n "${pids[@]}"
