#!/usr/bin/env bash
# Search latency in a workspace of 1.01M tasks (the projects seeded by bench/list-tasks.sh): GET
# /workspaces/{id}/search?q= for a term one task has and for a term every task has (its first and second page),
# page size 20, p50/p99 over REQUESTS keep-alive requests each, the three URLs alternating so that they see the same
# machine load and share the API's prepared statement as real traffic does. Then the plans Postgres keeps using for
# both terms (auto_explain, seventh request). Runs the Release API against the services of ./run.sh (.data/).
#
#   bench/search.sh                     # REQUESTS=20, PORT=8099
#   SERVICES_ARGS="--pg-port 55632" bench/search.sh   # services on other ports (passed to services.sh up)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
requests=${REQUESTS:-20}
port=${PORT:-8099}
data_dir=${TASKLANE_DATA:-$PWD/.data}

# shellcheck disable=SC2086
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
dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
DOTNET_ENVIRONMENT=Production dotnet "$dll" migrate >/dev/null
api=http://127.0.0.1:$port/api/v1
api_pid=
start_api() { # [extra connection-string options]
  local cs=$ConnectionStrings__Postgres
  [[ -n ${1:-} ]] && cs="$cs;Options=$1"
  ConnectionStrings__Postgres=$cs DOTNET_ENVIRONMENT=Production RateLimiting__Enabled=false dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  api_pid=$!
  until curl -s -o /dev/null "$api/me"; do sleep 0.2; done
}
stop_api() { [[ -n $api_pid ]] && kill "$api_pid" && wait "$api_pid" 2>/dev/null || true; api_pid=; }
trap stop_api EXIT
start_api
token=$(curl -s -X POST "$api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench-list-tasks@example.com","password":"bench password"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
auth="authorization: Bearer $token"

rare="$api/workspaces/$ws/search?q=777777&limit=20"
common="$api/workspaces/$ws/search?q=task&limit=20"
cursor=$(curl -s -H "$auth" "$common" | sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p')
urls=("$rare" "$common" "$common&after=$cursor")

# p50 and p99 in ms of each URL: $requests rounds of one request to each, after one warm-up round.
declare -a round=() all=()
for url in "${urls[@]}"; do round+=(-o /dev/null "$url"); done
for _ in $(seq "$requests"); do all+=("${round[@]}"); done
curl -s -H "$auth" "${round[@]}"
read -r -a times < <(curl -s -H "$auth" -w '%{http_code} %{time_total}\n' "${all[@]}" |
  awk -v n="${#urls[@]}" '$1 != 200 { bad++ } { print (NR - 1) % n, $2 * 1000 } END { if (bad) { print "non-200 answers: " bad > "/dev/stderr"; exit 1 } }' |
  sort -k1,1n -k2,2n | awk '
    { c[$1]++; t[$1, c[$1]] = $2 }
    END { for (u = 0; u in c; u++) printf "%.1f %.1f ", t[u, int(c[u] * 0.5 + 0.5)], t[u, int(c[u] * 0.99 + 0.5)]; print "" }')
((${#times[@]} == 2 * ${#urls[@]}))

hits() { psql -c "select count(*) from tasks where workspace_id = '$ws' and search @@ websearch_to_tsquery('english', '$1')"; }
tasks=$(psql -c "select count(*) from tasks where workspace_id = '$ws'")
rare_hits=$(hits 777777)
common_hits=$(hits task)
printf '| search in a workspace of %s tasks | hits | p50 ms | p99 ms |\n|---|---|---|---|\n' "$tasks"
printf '| q=777777, first page of 20 | %s | %s | %s |\n' "$rare_hits" "${times[0]}" "${times[1]}"
printf '| q=task, first page of 20 | %s | %s | %s |\n' "$common_hits" "${times[2]}" "${times[3]}"
printf '| q=task, second page of 20 | %s | %s | %s |\n' "$common_hits" "${times[4]}" "${times[5]}"

# The plans of the search statement as the API keeps running it: Npgsql prepares it on its second use, and from the
# sixth execution Postgres may use one generic plan for every term, which would be wrong for one of the two kinds.
stop_api
log=$data_dir/pg/postgres.log
start_api "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_nested_statements=off"
for url in "$rare" "$common"; do
  for _ in 1 2 3 4 5 6; do curl -s -o /dev/null -H "$auth" "$url"; done
  sleep 0.3
  from=$(($(stat -c %s "$log") + 1))
  curl -s -o /dev/null -H "$auth" "$url"
  sleep 0.3
  echo
  tail -c +"$from" "$log" | awk -v name="${url##*\?}" '
    function flush() { if (block ~ / on tasks t/) { printf "== %s: plan of the 7th request (%s plan)\n%s", name, generic ? "GENERIC" : "custom", block } block = ""; generic = 0 }
    /LOG: +duration:/ { flush(); next }
    /(Index Cond|Filter|Recheck Cond): .*\$[0-9]/ { generic = 1 }
    /Scan|^\t *Limit|Execution Time|Planning Time/ { block = block $0 "\n" }
    END { flush() }' | cut -c1-170 | head -n 20
done
