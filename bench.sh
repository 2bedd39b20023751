#!/usr/bin/env bash
# One command, one table: builds Release, starts the services of ./run.sh, measures baselines and Tasklane in
# the same run with the same load tool (wrk, 2 threads) and prints ratios against the targets of the
# benchmark issue; the table is also written to docs/benchmarks.md (section "Throughput and latency").
# Load goes to 127.0.0.1 only and every step is bounded in time.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

duration=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
api_port=8190 hello_port=8191 worker_port=8192
log=$(mktemp -d)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$log"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: installing wrk" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
env_file=$(scripts/services.sh up "${TASKLANE_DATA:-$PWD/.data}")
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ConnectionStrings__Postgres")
export PGHOST=127.0.0.1 PGPORT=$pg PGUSER=tasklane PGPASSWORD=tasklane

echo "bench: building Release" >&2
for project in src/Tasklane.Api src/Tasklane.Worker bench/Hello; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done
api_dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
DOTNET_ENVIRONMENT=Production dotnet "$api_dll" migrate >/dev/null

wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "bench: $1 did not come up" >&2; exit 1; }
# Requests/s from wrk's output; a run with any non-2xx/3xx answer is not a measurement, so it stops the bench.
rps() {
  local out
  out=$(cat)
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    echo "bench: errors during the run:" >&2
    echo "$out" >&2
    exit 1
  fi
  grep -Eo 'Requests/sec: +[0-9.]+' <<<"$out" | grep -Eo '[0-9.]+$'
}
tps() { grep -Eo 'tps = [0-9.]+' | tail -n 1 | grep -Eo '[0-9.]+'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print (ok ? "met" : "missed") }'; }

# --- Baselines -------------------------------------------------------------------------------------------
echo "bench: baseline hello" >&2
dotnet bench/Hello/bin/Release/net10.0/Hello.dll --urls "http://127.0.0.1:$hello_port" >"$log/hello.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$hello_port/"
wrk -t2 -c"$conns" -d3s "http://127.0.0.1:$hello_port/" >/dev/null
hello=$(wrk -t2 -c"$conns" -d"${duration}s" "http://127.0.0.1:$hello_port/" | rps)
kill "${pids[-1]}"

echo "bench: baseline pgbench" >&2
psql -q -d tasklane -tAc "select 1 from pg_database where datname = 'pgbench'" | grep -q 1 || psql -q -d tasklane -c "create database pgbench"
pgbench -q -i -s 10 pgbench >/dev/null 2>&1
pg_select=$(pgbench -n -S -M prepared -c 8 -j 2 -T "$duration" pgbench 2>/dev/null | tps)
psql -q -d pgbench -c "create table if not exists bench_insert (id uuid primary key, title text not null, created_at timestamptz not null default now())"
echo "insert into bench_insert (id, title) values (gen_random_uuid(), 'bench');" >"$log/insert.sql"
pg_insert=$(pgbench -n -f "$log/insert.sql" -M prepared -c 8 -j 2 -T "$duration" pgbench 2>/dev/null | tps)

# --- Tasklane --------------------------------------------------------------------------------------------
echo "bench: Tasklane API and worker" >&2
DOTNET_ENVIRONMENT=Production dotnet src/Tasklane.Worker/bin/Release/net10.0/Tasklane.Worker.dll --urls "http://127.0.0.1:$worker_port" >"$log/worker.log" 2>&1 &
pids+=($!)
# Rate limits would answer most of the load with 429: they are measured by the fault tests, not here.
RateLimiting__Enabled=false DOTNET_ENVIRONMENT=Production dotnet "$api_dll" --urls "http://127.0.0.1:$api_port" >"$log/api.log" 2>&1 &
api_pid=$!
pids+=("$api_pid")
wait_for "http://127.0.0.1:$api_port/health/live"
wait_for "http://127.0.0.1:$worker_port/health/live"

api=http://127.0.0.1:$api_port/api/v1
json='content-type: application/json'
email="bench-$(date +%s%N)@example.com"
curl -sf -X POST "$api/auth/register" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench-password\",\"displayName\":\"Bench\"}" >/dev/null
TASKLANE_TOKEN=$(curl -sf -X POST "$api/auth/login" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench-password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
export TASKLANE_TOKEN
auth="authorization: Bearer $TASKLANE_TOKEN"
workspace=$(curl -sf -X POST "$api/workspaces" -H "$auth" -H "$json" -d '{"name":"Bench"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
project=$(curl -sf -X POST "$api/workspaces/$workspace/projects" -H "$auth" -H "$json" -d '{"name":"Bench"}' | sed -E 's/^\{"id":"([^"]+)".*/\1/')
task=$(curl -sf -X POST "$api/projects/$project/tasks" -H "$auth" -H "$json" -d '{"title":"Read me"}' | sed -E 's/^\{"id":"([^"]+)".*/\1/')

echo "bench: GET /tasks/{id}, hot (cached)" >&2
wrk -t2 -c"$conns" -d3s -H "$auth" "$api/tasks/$task" >/dev/null
get_hot=$(wrk -t2 -c"$conns" -d"${duration}s" -H "$auth" "$api/tasks/$task" | rps)

echo "bench: GET /tasks/{id}, cold (cache off)" >&2
cold_port=$((api_port + 10))
Cache__Enabled=false RateLimiting__Enabled=false DOTNET_ENVIRONMENT=Production dotnet "$api_dll" --urls "http://127.0.0.1:$cold_port" >"$log/api-cold.log" 2>&1 &
cold_pid=$!
wait_for "http://127.0.0.1:$cold_port/health/live"
wrk -t2 -c"$conns" -d3s -H "$auth" "http://127.0.0.1:$cold_port/api/v1/tasks/$task" >/dev/null
get_task=$(wrk -t2 -c"$conns" -d"${duration}s" -H "$auth" "http://127.0.0.1:$cold_port/api/v1/tasks/$task" | rps)
kill "$cold_pid"
wait "$cold_pid" 2>/dev/null || true

echo "bench: POST /projects/{id}/tasks" >&2
count() { psql -d tasklane -tAc "$1"; }
rss_max=0
sample_rss() { while kill -0 "$api_pid" 2>/dev/null; do
  r=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status" 2>/dev/null || echo 0); echo "$r"; sleep 0.5; done; }
sample_rss >"$log/rss" &
sampler=$!
start_ns=$(date +%s%N)
post_task=$(wrk -t2 -c8 -d"${duration}s" -s bench/wrk/post-task.lua "$api/projects/$project/tasks" | rps)
created=$(count "select count(*) from tasks where project_id = '$project'")
# Drain: until the worker has an entry for every task event, bounded at 60 s.
for _ in $(seq 600); do
  recorded=$(count "select count(*) from activity where project_id = '$project' and kind = 'task.created'")
  [ "$recorded" -ge "$created" ] && break
  sleep 0.1
done
drain_s=$(count "select extract(epoch from max(recorded_at) - to_timestamp($start_ns / 1e9)) from activity where project_id = '$project' and kind = 'task.created'")
drain=$(awk -v n="$recorded" -v s="$drain_s" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')
kill "$sampler" 2>/dev/null || true
rss_max=$(sort -n "$log/rss" | tail -n 1)
rss_mb=$(awk -v k="${rss_max:-0}" 'BEGIN { printf "%.0f", k / 1024 }')

echo "bench: delivery lag at half the write rate" >&2
paced_start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
delay_ms=$(awk -v r="$post_task" 'BEGIN { d = 8 * 1000 / (r / 2); printf "%d", (d < 1 ? 1 : d) }')
BENCH_DELAY_MS=$delay_ms wrk -t2 -c8 -d"${duration}s" -s bench/wrk/post-task.lua "$api/projects/$project/tasks" | rps >/dev/null
sleep 2
read -r lag_p50 lag_p99 < <(count "select round(1000 * extract(epoch from percentile_cont(0.5) within group (order by recorded_at - occurred_at))),
  round(1000 * extract(epoch from percentile_cont(0.99) within group (order by recorded_at - occurred_at)))
  from activity where project_id = '$project' and kind = 'task.created' and occurred_at >= '$paced_start'" | tr '|' ' ')
kill "$api_pid"

echo "bench: cold start" >&2
cold=$(RUNS=3 PORT=8193 bench/cold-start.sh 2>/dev/null)
cold_static=$(grep '^Static' <<<"$cold" | grep -Eo 'median [0-9]+' | grep -Eo '[0-9]+')
cold_dynamic=$(grep '^Dynamic' <<<"$cold" | grep -Eo 'median [0-9]+' | grep -Eo '[0-9]+')

# --- Table -----------------------------------------------------------------------------------------------
r_get=$(ratio "$get_task" "$pg_select")
r_hot=$(ratio "$get_hot" "$hello")
r_post=$(ratio "$post_task" "$pg_insert")
r_drain=$(ratio "$drain" "$post_task")
table=$(cat <<TABLE
| measure | result | baseline | ratio | target | verdict |
|---|---|---|---|---|---|
| Kestrel hello (wrk -t2 -c$conns) | $hello req/s | – | – | – | baseline |
| pgbench select by primary key (-S, prepared, 8 clients) | $pg_select tx/s | – | – | – | baseline |
| pgbench single-row insert (prepared, 8 clients) | $pg_insert tx/s | – | – | – | baseline |
| GET /tasks/{id}, hot (cached; wrk -c$conns) | $get_hot req/s | hello | $r_hot | ≥ 0.6 | $(verdict "$r_hot" 0.6 ">=") |
| GET /tasks/{id}, cold (Cache__Enabled=false) | $get_task req/s | pgbench select | $r_get | ≥ 0.5 | $(verdict "$r_get" 0.5 ">=") |
| POST /projects/{id}/tasks with outbox event (wrk -c8) | $post_task req/s | pgbench insert | $r_post | ≥ 0.4 | $(verdict "$r_post" 0.4 ">=") |
| worker drain ($recorded events) | $drain events/s | POST rate | $r_drain | ≥ 1.0 | $(verdict "$r_drain" 1.0 ">=") |
| API → worker delivery lag at ~50% of the POST rate | p50 ${lag_p50} ms, p99 ${lag_p99} ms | – | – | p99 ≤ 1000 ms | $(verdict "$lag_p99" 1000 "<=") |
| cold start to first 201, pre-generated code | ${cold_static} ms (dynamic: ${cold_dynamic} ms) | – | – | ≤ 1500 ms | $(verdict "$cold_static" 1500 "<=") |
| API RSS under POST load (max) | ${rss_mb} MB | – | – | ≤ 250 MB | $(verdict "$rss_mb" 250 "<=") |
| task list page at 1M vs 10k tasks | see bench/list-tasks.sh below | 10k | 0.55–1.74 (p50) | ≤ 1.5 | see below |
| search at 1M tasks, first page | see bench/search.sh below | – | – | – | see below |
| export of 1M tasks, worker peak RSS vs 10k | see bench/export.sh below | 10k | 1.18 (JSON), 1.23 (CSV) | memory flat | see below |
TABLE
)
echo
echo "$table"

doc=docs/benchmarks.md
section="## Throughput and latency (bench.sh)"
{
  echo "$section"
  echo
  echo "Last run: $(date -u +%Y-%m-%d), $(nproc) cores, ${duration} s per measurement; client and server share the machine."
  echo
  echo "$table"
  echo
} >"$log/section.md"
if grep -qF "$section" "$doc" 2>/dev/null; then
  # Replace the old section (up to the next "## ") with the new one.
  awk -v s="$section" -v f="$log/section.md" '
    $0 == s { while ((getline line < f) > 0) print line; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip' "$doc" >"$log/doc.md" && mv "$log/doc.md" "$doc"
else
  { head -n 2 "$doc"; cat "$log/section.md"; tail -n +3 "$doc"; } >"$log/doc.md" && mv "$log/doc.md" "$doc"
fi
echo "bench: table written to $doc" >&2
