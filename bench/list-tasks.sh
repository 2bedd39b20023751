#!/usr/bin/env bash
# Task-list latency at 10k vs 1M tasks in a project: GET /api/v1/projects/{id}/tasks, first page and a page
# 90% deep (by cursor), for several sorts and filters. Seeds both projects straight into PostgreSQL with
# generate_series (once; later runs reuse them), runs the API from the Release build against the services of
# ./run.sh (.data/), measures p50/p99 over a bounded number of keep-alive requests per case (10k and 1M alternating)
# and prints a table with the 1M/10k ratio. Then logs the plans of the 1M queries with auto_explain (EXPLAIN ANALYZE)
# as the API keeps running them (custom or generic) and prints which index each one used.
#
#   bench/list-tasks.sh                     # REQUESTS=100 per case and page, PORT=8096; RESEED=1 seeds again
#   SERVICES_ARGS="--pg-port 55632" bench/list-tasks.sh   # services on other ports (passed to services.sh up)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
requests=${REQUESTS:-100}
port=${PORT:-8096}
data_dir=${TASKLANE_DATA:-$PWD/.data}

# shellcheck disable=SC2086
env_file=$(scripts/services.sh up "$data_dir" ${SERVICES_ARGS:-})
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$ConnectionStrings__Postgres")
psql_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}/psql
psql() { PGPASSWORD=tasklane "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U tasklane -d tasklane -X -q -v ON_ERROR_STOP=1 "$@"; }

dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
DOTNET_ENVIRONMENT=Production dotnet "$dll" migrate >/dev/null

api_pid=
start_api() { # [extra connection-string options]
  local cs=$ConnectionStrings__Postgres
  [[ -n ${1:-} ]] && cs="$cs;Options=$1"
  # The bench sends ~3,000 requests as one user in a minute or two, far above the per-user limit (600 a minute):
  # with limits on, every case after the first few would measure 429 answers. So no limits, as in bench/search.sh.
  ConnectionStrings__Postgres=$cs DOTNET_ENVIRONMENT=Production RateLimiting__Enabled=false dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  api_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/me"; do sleep 0.1; done
}
stop_api() { [[ -n $api_pid ]] && kill "$api_pid" && wait "$api_pid" 2>/dev/null || true; api_pid=; }
trap stop_api EXIT
start_api
api=http://127.0.0.1:$port/api/v1
json='content-type: application/json'
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# A fixed bench user owns a workspace with the two projects, so repeated runs reuse the seeded rows.
email=bench-list-tasks@example.com
curl -s -o /dev/null -X POST "$api/auth/register" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench password\",\"displayName\":\"Bench\"}"
token=$(curl -s -X POST "$api/auth/login" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench password\"}" | field token)
auth="authorization: Bearer $token"
user=$(curl -s "$api/me" -H "$auth" | sed 's/{"id":"\([^"]*\)".*/\1/')
ws=$(psql -Atc "select w.id from workspaces w where w.created_by = '$user' and w.name = 'bench-list-tasks'")
if [[ -z $ws ]]; then
  ws=$(curl -s -X POST "$api/workspaces" -H "$auth" -H "$json" -d '{"name":"bench-list-tasks"}' | field id)
  curl -s -o /dev/null -X POST "$api/workspaces/$ws/labels" -H "$auth" -H "$json" -d '{"name":"bench","color":"#336699"}'
fi
label=$(psql -Atc "select id from labels where workspace_id = '$ws'")

project_with() { # name size days -> project id, seeded with size tasks, the newest made days before now
  local name=$1 size=$2 days=$3 id count start
  id=$(psql -Atc "select id from projects where workspace_id = '$ws' and name = '$name'")
  if [[ -z $id ]]; then
    id=$(curl -s -X POST "$api/workspaces/$ws/projects" -H "$auth" -H "$json" -d "{\"name\":\"$name\"}" | sed 's/{"id":"\([^"]*\)".*/\1/')
  fi
  count=$(psql -Atc "select count(*) from tasks where project_id = '$id'")
  if ((count != size)) || [[ -n ${RESEED:-} ]]; then
    start=$(date +%s%N)
    # UUIDv7-shaped ids 1 ms apart (so id order is creation order, as for real tasks), the last one `days` before
    # now; statuses, priorities, due dates (every 5th undated), positions and update times spread deterministically;
    # every 10th task assigned to the bench user, every 7th labelled. For big seeds the (project_id, ...) list
    # indexes, tasks_workspace and tasks_search are dropped and rebuilt from their own definitions around the insert
    # (building an index is a sort; a million random inserts into each is several times slower), in one
    # transaction, so nothing changes if the seed fails. The primary key and tasks_parent stay: the foreign keys
    # need them. The tasks table is locked meanwhile.
    psql -1 -v project="$id" -v ws="$ws" -v user="$user" -v label="$label" -v size="$size" -v days="$days" <<'SQL' | sed -n 's/^Time: /  seed step: /p' >&2
\timing on
set local maintenance_work_mem = '256MB';
create temp table rebuild as
select indexname, indexdef from pg_indexes
where schemaname = 'public' and tablename = 'task_rows' and :size >= 100000
  and (indexname like 'tasks\_project%' or indexname in ('tasks_workspace', 'tasks_search'));
select format('drop index %I', indexname) from rebuild \gexec
delete from tasks where project_id = :'project';
create temp table seed as
select i,
       (lpad(to_hex(base + i), 12, '0') || '7' || lpad(to_hex(i % 4096), 3, '0') || '8'
        || substr(md5(:'project'), 1, 3) || lpad(to_hex(i), 12, '0'))::uuid as id,
       to_timestamp((base + i) / 1000.0) as created_at
from generate_series(1, :size) as i,
     (select (extract(epoch from now() - :days * interval '1 day') * 1000)::bigint - :size - 1000 as base) b;
insert into tasks (id, workspace_id, project_id, title, status, priority, due_at, assignee_id, position,
                   version, created_by, created_at, updated_at)
select id, :'ws', :'project', 'Task ' || i,
       (array['todo', 'in_progress', 'done'])[1 + i % 3],
       (array['low', 'normal', 'high', 'urgent'])[1 + (i * 7) % 4],
       case when i % 5 = 0 then null else timestamptz '2030-01-01' + ((i::bigint * 7919) % 525600) * interval '1 minute' end,
       case when i % 10 = 0 then :'user'::uuid end,
       (i / 3 + 1) * 1024.0, 1, :'user', created_at,
       created_at + ((i::bigint * 104729) % 100000000) * interval '1 millisecond'
from seed;
select indexdef from rebuild \gexec
insert into task_assignees (task_id, user_id) select id, :'user' from seed where i % 10 = 0;
insert into task_labels (task_id, label_id) select id, :'label' from seed where i % 7 = 0;
analyze task_rows;
analyze task_assignees;
analyze task_labels;
SQL
    echo "seeded $name: $size tasks in $((($(date +%s%N) - start) / 1000000)) ms" >&2
  fi
  echo "$id"
}
# The 10k project's tasks are a day older than the 1M project's, so they come first in id order, as the tasks of
# older projects do in any database: a plan that walks tasks_pkey for the 1M project must read them all first.
p10k=$(project_with bench-10k 10000 1)
p1m=$(project_with bench-1m 1000000 0)

# Two custom fields of the workspace, with a value on every task of both projects: Severity (single select, each of
# its 4 options on a quarter of the tasks) for the filter, Points (a number, 0-999) for the sort.
field_id() { psql -Atc "select id from custom_fields where workspace_id = '$ws' and name = '$1'"; }
[[ -n $(field_id Severity) ]] || curl -s -o /dev/null -X POST "$api/workspaces/$ws/custom-fields" -H "$auth" -H "$json" \
  -d '{"name":"Severity","type":"single_select","options":[{"name":"low"},{"name":"medium"},{"name":"high"},{"name":"critical"}]}'
[[ -n $(field_id Points) ]] || curl -s -o /dev/null -X POST "$api/workspaces/$ws/custom-fields" -H "$auth" -H "$json" \
  -d '{"name":"Points","type":"number"}'
severity=$(field_id Severity)
points=$(field_id Points)
high=$(psql -Atc "select o ->> 'id' from custom_fields f, jsonb_array_elements(f.options) o where f.id = '$severity' and o ->> 'name' = 'high'")
seed_values() { # project
  local project=$1 start
  if (($(psql -Atc "select count(*) from task_field_values where project_id = '$1'") != 2 * $(psql -Atc "select count(*) from tasks where project_id = '$1'"))); then
    start=$(date +%s%N)
    psql -1 -v project="$project" -v severity="$severity" -v points="$points" <<'SQL'
delete from task_field_values where project_id = :'project';
create temp table ranked as select id, row_number() over (order by id) as i from tasks where project_id = :'project';
insert into task_field_values (task_id, field_id, project_id, value, ref)
select r.id, :'severity', :'project', to_jsonb(o.option), o.option
from ranked r
join (select (x ->> 'id')::uuid as option, n from custom_fields f, jsonb_array_elements(f.options) with ordinality a (x, n)
      where f.id = :'severity') o on o.n = 1 + r.i % 4;
insert into task_field_values (task_id, field_id, project_id, value, num)
select r.id, :'points', :'project', to_jsonb((r.i * 7919) % 1000), (r.i * 7919) % 1000 from ranked r;
analyze task_field_values;
SQL
    echo "seeded custom field values of $project in $((($(date +%s%N) - start) / 1000000)) ms" >&2
  fi
}
seed_values "$p10k"
seed_values "$p1m"
# The sort key of a customField cursor is a tag of the field: the first 8 bytes of its id (CustomFieldKey.Tag). No "||":
# the cases below are split at "|".
points_tag="concat('x', substr(replace('$points', '-', ''), 1, 16))::bit(64)::bigint"

# The cursor the API would return after the task 90% down the list (TaskCursors in ListTasks/TaskListQuery.cs and
# Cursor in Infrastructure/Http/Cursor.cs): base64url of sort, flags (1 desc, 2 has a key), the key as 8 bytes, the id,
# then the first 4 bytes of the SHA-256 of all that.
cursor_at() { # project sort order keysql where orderby
  local project=$1 sort=$2 order=$3 keysql=$4 where=$5 orderby=$6 sortbyte value
  case $sort in createdAt) sortbyte=0 ;; position) sortbyte=1 ;; priority) sortbyte=2 ;; dueAt) sortbyte=3 ;; customField) sortbyte=5 ;; *) sortbyte=4 ;; esac
  value=$([[ $sort == position ]] && echo 'float8send(k::float8)' || echo 'int8send(coalesce(k::bigint, 0))')
  psql -Atc "select translate(rtrim(encode(p || substring(sha256(p) from 1 for 4), 'base64'), '='), '+/', '-_')
             from (select decode(lpad(to_hex($sortbyte), 2, '0')
                                 || lpad(to_hex($([[ $order == desc ]] && echo 1 || echo 0) | case when k is null then 0 else 2 end), 2, '0'), 'hex')
                          || case when k is null then int8send(0) else $value end || uuid_send(id) as p
                   from (select ($keysql) as k, t.id from tasks t where t.project_id = '$project' $where order by $orderby
                         offset (select count(*) * 9 / 10 from tasks t where t.project_id = '$project' $where) limit 1) r) c"
}
micros='(extract(epoch from %s) * 1000000)::bigint'
# name | query | key of the cursor | where of the listed tasks (for the deep cursor) | order by
cases=(
  "createdAt|sort=createdAt|||t.id"
  "dueAt (nulls last)|sort=dueAt|$(printf "$micros" t.due_at)||t.due_at nulls last, t.id"
  "priority desc|sort=priority&order=desc|t.priority_rank||t.priority_rank desc, t.id desc"
  "updatedAt desc|sort=updatedAt&order=desc|$(printf "$micros" t.updated_at)||t.updated_at desc, t.id desc"
  "status=todo, position|status=todo&sort=position|t.position|and t.status = 'todo'|t.position, t.id"
  "assignee filter|assigneeId=$user||and exists (select 1 from task_assignees a where a.task_id = t.id and a.user_id = '$user')|t.id"
  "label filter, dueAt|labelId=$label&sort=dueAt|$(printf "$micros" t.due_at)|and exists (select 1 from task_labels l where l.task_id = t.id and l.label_id = '$label')|t.due_at nulls last, t.id"
  "custom field filter|fieldId=$severity&fieldValue=$high||and exists (select 1 from task_field_values v where v.task_id = t.id and v.field_id = '$severity' and v.ref = '$high')|t.id"
  "custom field sort|sort=customField&sortFieldId=$points|$points_tag||(select v.num from task_field_values v where v.task_id = t.id and v.field_id = '$points'), t.id"
)

measure() { # url-10k url-1m -> "p50 p99 p50 p99" in ms, 10k then 1M
  # $requests requests to each (after 5 warm-up requests each), alternating on one keep-alive connection: the
  # machine's load changes from second to second, and both sizes must see the same load for their ratio to mean
  # anything (measured one after the other, one case gave 0.74 in one run and 2.04 in another of the same code).
  local -a warmup=() urls=()
  for _ in 1 2 3 4 5; do warmup+=(-o /dev/null "$1" -o /dev/null "$2"); done
  for _ in $(seq "$requests"); do urls+=(-o /dev/null "$1" -o /dev/null "$2"); done
  curl -s -H "$auth" "${warmup[@]}"
  curl -s -H "$auth" -w '%{http_code} %{time_total}\n' "${urls[@]}" |
    awk '$1 != 200 { bad++ } { print (NR % 2 ? "a" : "b"), $2 * 1000 } END { if (bad) { print "non-200 answers: " bad > "/dev/stderr"; exit 1 } }' |
    sort -k1,1 -k2,2n | awk '
      { n[$1]++; t[$1, n[$1]] = $2 }
      END { for (s = 1; s <= 2; s++) { k = s == 1 ? "a" : "b"; printf "%.1f %.1f ", t[k, int(n[k] * 0.5 + 0.5)], t[k, int(n[k] * 0.99 + 0.5)] } print "" }'
}

printf '\n%-24s %-6s %9s %9s %9s %9s %11s\n' case page "10k p50" "10k p99" "1M p50" "1M p99" "1M/10k p50"
explain_urls=()
for entry in "${cases[@]}"; do
  IFS='|' read -r name query keysql where orderby <<<"$entry"
  sort=$(sed -n 's/.*sort=\([a-zA-Z]*\).*/\1/p' <<<"$query"); sort=${sort:-createdAt}
  order=$([[ $query == *order=desc* ]] && echo desc || echo asc)
  for page in first deep; do
    declare -A url=()
    for size in 10k 1m; do
      project=$([[ $size == 10k ]] && echo "$p10k" || echo "$p1m")
      url[$size]="$api/projects/$project/tasks?limit=50&$query"
      if [[ $page == deep ]]; then
        url[$size]+="&after=$(cursor_at "$project" "$sort" "$order" "${keysql:-null}" "$where" "$orderby")"
      fi
    done
    explain_urls+=("$name ($page)|${url[1m]}")
    times=$(measure "${url[10k]}" "${url[1m]}")
    read -r a50 a99 b50 b99 <<<"$times"
    printf '%-24s %-6s %9s %9s %9s %9s %11s\n' "$name" "$page" "$a50" "$a99" "$b50" "$b99" "$(awk -v a="$a50" -v b="$b50" 'BEGIN { printf "%.2f", b / a }')"
  done
done

# Plans as executed for the 1M project: auto_explain logs EXPLAIN ANALYZE of each statement of these requests.
# Npgsql prepares a statement on its second use, and from the sixth execution of a prepared statement Postgres may
# switch to a generic plan (one for any parameter values, where the "@x is null or ..." filters cannot fold away):
# each URL is requested seven times and the seventh plan is shown, marked generic when its conditions name $n.
stop_api
log=$data_dir/pg/postgres.log
start_api "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on"
for entry in "${explain_urls[@]}"; do
  for _ in 1 2 3 4 5 6; do curl -s -o /dev/null -H "$auth" "${entry#*|}"; done
  sleep 0.3
  from=$(($(stat -c %s "$log") + 1))
  curl -s -o /dev/null -H "$auth" "${entry#*|}"
  sleep 0.3
  echo
  # the logged plan of the list query (the block that scans task_rows, what the tasks view expands to): its nodes, index conditions and timing
  tail -c +"$from" "$log" | awk -v name="${entry%%|*}" '
    function flush() { if (block ~ / on task_rows/) { printf "== %s: plan of the 7th request at 1M (%s plan)\n%s", name, generic ? "GENERIC" : "custom", block } block = ""; generic = 0 }
    /LOG: +duration:/ { flush(); next }
    /(Index Cond|Filter|Recheck Cond): .*\$[0-9]/ { generic = 1 }
    /->|^\t *(Limit|Append)|Index Cond|Execution Time|Planning Time/ { block = block $0 "\n" }
    END { flush() }' | cut -c1-170 | head -n 25
done
