#!/usr/bin/env bash
# Search latency in a workspace of 1.01M tasks (the projects seeded by bench/list-tasks.sh): GET
# /workspaces/{id}/search?q= for a term one task has and for a term every task has, first page, p50/p99 over
# REQUESTS keep-alive requests. Runs the Release API against the services of ./run.sh (.data/).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
requests=${REQUESTS:-20}
port=${PORT:-8099}
data_dir=${TASKLANE_DATA:-$PWD/.data}

env_file=$(scripts/services.sh up "$data_dir" ${SERVICES_ARGS:-})
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$ConnectionStrings__Postgres")
psql() { PGPASSWORD=tasklane "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 -p "$pg_port" -U tasklane -d tasklane -X -q -At "$@"; }
ws=$(psql -c "select id from workspaces where name = 'bench-list-tasks' limit 1")
if [[ -z $ws || $(psql -c "select count(*) from tasks where workspace_id = '$ws'") -lt 1000000 ]]; then
  echo "search: seeding the bench projects with bench/list-tasks.sh (about two minutes)" >&2
  REQUESTS=1 bench/list-tasks.sh >/dev/null
  ws=$(psql -c "select id from workspaces where name = 'bench-list-tasks' limit 1")
fi

dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
DOTNET_ENVIRONMENT=Production RateLimiting__Enabled=false dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null || true' EXIT
api=http://127.0.0.1:$port/api/v1
until curl -s -o /dev/null "$api/me"; do sleep 0.2; done
token=$(curl -s -X POST "$api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench-list-tasks@example.com","password":"bench password"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')

measure() { # url -> "p50 p99" in ms
  local url=$1
  local -a urls=()
  for _ in $(seq "$requests"); do urls+=(-o /dev/null "$url"); done
  curl -s -H "authorization: Bearer $token" -o /dev/null "$url"
  curl -s -H "authorization: Bearer $token" -w '%{http_code} %{time_total}\n' "${urls[@]}" |
    awk '$1 != 200 { bad++ } { print $2 * 1000 } END { if (bad) { print "non-200 answers: " bad > "/dev/stderr"; exit 1 } }' |
    sort -n | awk '{ a[NR] = $1 } END { printf "%.1f %.1f\n", a[int(NR * 0.5 + 0.5)], a[int(NR * 0.99 + 0.5)] }'
}

tasks=$(psql -c "select count(*) from tasks where workspace_id = '$ws'")
printf '| search in a workspace of %s tasks | hits | p50 ms | p99 ms |\n|---|---|---|---|\n' "$tasks"
for term in 777777 task; do
  hits=$(psql -c "select count(*) from tasks where workspace_id = '$ws' and search @@ websearch_to_tsquery('english', '$term')")
  read -r p50 p99 < <(measure "$api/workspaces/$ws/search?q=$term&limit=20")
  printf '| q=%s (first page of 20) | %s | %s | %s |\n' "$term" "$hits" "$p50" "$p99"
done
