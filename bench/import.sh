#!/usr/bin/env bash
# Import at 10k vs 1M tasks, the way a team restores a backup: exports the two seeded projects of bench/list-tasks.sh
# (it seeds them first when they are missing) as Tasklane JSON, downloads each file, then uploads it and imports it into
# a new workspace, with a fresh worker process per import so its peak resident memory (VmHWM) is the import's own.
# Prints one table (file size, rows, seconds, tasks/s, worker peak RSS) and the peak ratio 1M/10k
# (memory that does not grow with the file means about 1.0; the target is <= 1.5).
#
#   bench/import.sh                     # PORT=8099 (API), WORKER_PORT=8100
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
port=${PORT:-8099}
worker_port=${WORKER_PORT:-8100}
data_dir=${TASKLANE_DATA:-$PWD/.data}

# shellcheck disable=SC2086
env_file=$(scripts/services.sh up "$data_dir" ${SERVICES_ARGS:-})
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$ConnectionStrings__Postgres")
psql() { PGPASSWORD=tasklane "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 -p "$pg_port" -U tasklane -d tasklane -X -q -At "$@"; }

projects() { psql -c "select p.name, p.id from projects p join workspaces w on w.id = p.workspace_id where w.name = 'bench-list-tasks' and p.name in ('bench-10k', 'bench-1m') order by p.name"; }
if [[ $(projects | wc -l) -lt 2 ]]; then
  echo "import: seeding the bench projects with bench/list-tasks.sh (about two minutes)" >&2
  REQUESTS=1 bench/list-tasks.sh >/dev/null
fi

dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dotnet build src/Tasklane.Worker/Tasklane.Worker.csproj -c Release -v q -nologo >/dev/null
export DOTNET_ENVIRONMENT=Production
dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll migrate >/dev/null

work=$(mktemp -d /tmp/tasklane-import-bench-XXXXXX)
pids=()
worker_pid=
stop() {
  kill "${pids[@]}" $worker_pid 2>/dev/null || true
  wait "${pids[@]}" $worker_pid 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
# Rate limits off: the polling below is not what they are for.
RateLimiting__Enabled=false dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pids+=($!)
api=http://127.0.0.1:$port/api/v1
until curl -s -o /dev/null "$api/me"; do sleep 0.2; done

start_worker() {
  dotnet src/Tasklane.Worker/bin/Release/net10.0/Tasklane.Worker.dll --urls "http://127.0.0.1:$worker_port" >/dev/null 2>&1 &
  worker_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$worker_port/health/live"; do sleep 0.2; done
}
stop_worker() { kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=; }

json='content-type: application/json'
token=$(curl -s -X POST "$api/auth/login" -H "$json" -d '{"email":"bench-list-tasks@example.com","password":"bench password"}' | jq -r .token)
auth="authorization: Bearer $token"

# Exports first, with a worker of their own: the imports below then start from a quiet worker.
start_worker
declare -A file
while IFS='|' read -r name id; do
  export_id=$(curl -s -X POST "$api/projects/$id/exports" -H "$auth" -H "$json" -d '{"format":"json"}' | jq -r .id)
  until [[ $(curl -s "$api/exports/$export_id" -H "$auth" | tee "$work/export.json" | jq -r .status) =~ ^(succeeded|failed)$ ]]; do sleep 0.5; done
  [[ $(jq -r .status "$work/export.json") == succeeded ]] || { echo "import: export of $name failed: $(cat "$work/export.json")" >&2; exit 1; }
  file[$name]=$work/$name.json
  curl -sf -o "${file[$name]}" "$(jq -r .downloadUrl "$work/export.json")"
done < <(projects)
stop_worker

printf '| project | file MB | tasks | seconds | tasks/s | worker peak RSS MB |\n|---|---|---|---|---|---|\n'
declare -A peak
for name in bench-10k bench-1m; do
  path=${file[$name]}
  size=$(stat -c %s "$path")
  workspace=$(curl -s -X POST "$api/workspaces" -H "$auth" -H "$json" -d "{\"name\":\"bench-import-$name\"}" | jq -r .id)
  curl -s -X POST "$api/workspaces/$workspace/imports/uploads" -H "$auth" -H "$json" -d "{\"size\":$size}" >"$work/upload.json"
  headers=()
  while IFS= read -r header; do headers+=(-H "$header"); done < <(jq -r '.uploadHeaders | to_entries[] | "\(.key): \(.value)"' "$work/upload.json")
  curl -sf -X PUT "${headers[@]}" --data-binary "@$path" -o /dev/null "$(jq -r .uploadUrl "$work/upload.json")"

  start_worker
  start=$(date +%s%N)
  import_id=$(curl -s -X POST "$api/workspaces/$workspace/imports" -H "$auth" -H "$json" \
    -d "{\"source\":\"tasklane\",\"objectKey\":\"$(jq -r .objectKey "$work/upload.json")\"}" | jq -r .id)
  until [[ $(curl -s "$api/imports/$import_id" -H "$auth" | tee "$work/import.json" | jq -r .status) =~ ^(succeeded|failed)$ ]]; do sleep 0.2; done
  end=$(date +%s%N)
  peak[$name]=$(awk '/^VmHWM/ {print $2}' "/proc/$worker_pid/status")
  stop_worker
  [[ $(jq -r .status "$work/import.json") == succeeded ]] || { echo "import: $name failed: $(cat "$work/import.json")" >&2; exit 1; }
  tasks=$(jq -r .created "$work/import.json")
  seconds=$(awk -v n="$((end - start))" 'BEGIN { printf "%.1f", n / 1e9 }')
  printf '| %s | %.1f | %s | %s | %.0f | %.0f |\n' "$name" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')" "$tasks" "$seconds" \
    "$(awk -v t="$tasks" -v s="$seconds" 'BEGIN { print t / s }')" "$(awk -v k="${peak[$name]}" 'BEGIN { print k / 1024 }')"
done
awk -v a="${peak[bench-1m]}" -v b="${peak[bench-10k]}" \
  'BEGIN { printf "worker peak RSS, 1M / 10k tasks: %.2f (target <= 1.5: memory does not grow with the file)\n", a / b }'
