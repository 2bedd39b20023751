#!/usr/bin/env bash
# Export at 10k vs 1M tasks: runs the Release API and worker against the services of ./run.sh (.data/), exports
# the two seeded projects of bench/list-tasks.sh (it seeds them first when they are missing) as JSON and CSV,
# samples the worker's resident memory every 100 ms, and prints one table: file size, duration, tasks/s, the
# worker's RSS before and at peak, and the peak ratio 1M/10k (constant memory means about 1.0).
#
#   bench/export.sh                     # PORT=8097 (API), WORKER_PORT=8098
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
port=${PORT:-8097}
worker_port=${WORKER_PORT:-8098}
data_dir=${TASKLANE_DATA:-$PWD/.data}

env_file=$(scripts/services.sh up "$data_dir" ${SERVICES_ARGS:-})
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$ConnectionStrings__Postgres")
psql() { PGPASSWORD=tasklane "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 -p "$pg_port" -U tasklane -d tasklane -X -q -At "$@"; }

projects() { psql -c "select p.name, p.id from projects p join workspaces w on w.id = p.workspace_id where w.name = 'bench-list-tasks' and p.name in ('bench-10k', 'bench-1m') order by p.name"; }
if [[ $(projects | wc -l) -lt 2 ]]; then
  echo "export: seeding the bench projects with bench/list-tasks.sh (about two minutes)" >&2
  REQUESTS=1 bench/list-tasks.sh >/dev/null
fi

dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dotnet build src/Tasklane.Worker/Tasklane.Worker.csproj -c Release -v q -nologo >/dev/null
export DOTNET_ENVIRONMENT=Production
dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll migrate >/dev/null

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pids+=($!)
dotnet src/Tasklane.Worker/bin/Release/net10.0/Tasklane.Worker.dll --urls "http://127.0.0.1:$worker_port" >/dev/null 2>&1 &
worker_pid=$!
pids+=("$worker_pid")
api=http://127.0.0.1:$port/api/v1
until curl -sf -o /dev/null "http://127.0.0.1:$worker_port/health/live" && curl -s -o /dev/null "$api/me"; do sleep 0.2; done

json='content-type: application/json'
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
token=$(curl -s -X POST "$api/auth/login" -H "$json" -d '{"email":"bench-list-tasks@example.com","password":"bench password"}' | field token)
auth="authorization: Bearer $token"
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$worker_pid/status"; }

printf '| project | format | tasks | file MB | seconds | tasks/s | worker RSS before MB | worker RSS peak MB |\n|---|---|---|---|---|---|---|---|\n'
declare -A peak
while IFS='|' read -r name id; do
  for format in json csv; do
    before=$(rss_kb)
    max=$before
    start=$(date +%s%N)
    export_id=$(curl -s -X POST "$api/projects/$id/exports" -H "$auth" -H "$json" -d "{\"format\":\"$format\"}" | field id)
    while true; do
      job=$(curl -s "$api/exports/$export_id" -H "$auth")
      status=$(field status <<<"$job")
      now=$(rss_kb)
      ((now > max)) && max=$now
      [[ $status == succeeded || $status == failed ]] && break
      sleep 0.1
    done
    end=$(date +%s%N)
    [[ $status == succeeded ]] || { echo "export: $name $format failed: $job" >&2; exit 1; }
    tasks=$(field taskCount <<<"$job")
    size=$(field size <<<"$job")
    seconds=$(awk -v n="$((end - start))" 'BEGIN { printf "%.1f", n / 1e9 }')
    printf '| %s | %s | %s | %.1f | %s | %.0f | %.0f | %.0f |\n' "$name" "$format" "$tasks" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')" \
      "$seconds" "$(awk -v t="$tasks" -v s="$seconds" 'BEGIN { print t / s }')" "$(awk -v k="$before" 'BEGIN { print k / 1024 }')" "$(awk -v k="$max" 'BEGIN { print k / 1024 }')"
    peak[$name-$format]=$max
  done
done < <(projects)
for format in json csv; do
  awk -v a="${peak[bench-1m-$format]}" -v b="${peak[bench-10k-$format]}" -v f="$format" \
    'BEGIN { printf "worker peak RSS, 1M / 10k tasks (%s): %.2f (target <= 1.5: memory does not grow with the project)\n", f, a / b }'
done
