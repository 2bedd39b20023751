#!/usr/bin/env bash
# Cold start of the API host: time from process launch to the first 201 from a Wolverine endpoint
# (POST /api/v1/auth/register, which includes one deliberately slow password hash), with pre-generated code as
# published for production (ReadyToRun: precompiled, "Published"), as built (JIT, "Static") and with runtime code
# generation ("Dynamic"). Uses the services of ./run.sh (.data/); prints one line per run and the medians.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
runs=${RUNS:-5}
port=${PORT:-8095}

env_file=$(scripts/services.sh up "${TASKLANE_DATA:-$PWD/.data}")
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
published=src/Tasklane.Api/bin/Release/net10.0/linux-x64/publish
dotnet publish src/Tasklane.Api/Tasklane.Api.csproj -c Release -r linux-x64 --self-contained false -v q -nologo >/dev/null
DOTNET_ENVIRONMENT=Production dotnet "$dll" migrate >/dev/null

measure() { # mode -> milliseconds to first 201
  local mode=$1 start pid ms host=$dll
  if [ "$mode" = Published ]; then mode=Static host=$published/Tasklane.Api.dll; fi
  start=$(date +%s%N)
  Wolverine__CodeGeneration=$mode DOTNET_ENVIRONMENT=Production dotnet "$host" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"cold-$(date +%s%N)@example.com\",\"password\":\"password1\",\"displayName\":\"c\"}"; do
    sleep 0.01
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for mode in Published Static Dynamic; do
  results=()
  for _ in $(seq "$runs"); do
    results+=("$(measure "$mode")")
  done
  echo "$mode: ${results[*]} ms -> median $(printf '%s\n' "${results[@]}" | median) ms"
done
