#!/usr/bin/env bash
# One command, one table: builds Release, starts the services of ./run.sh, measures baselines and Tasklane in the
# same run with the same load tool (wrk, 2 threads) and prints ratios against the targets of the cost issue; the
# table is also written to docs/benchmarks.md (section "Throughput and latency").
#
# Every target is warmed until its rate is stable (two 3 s runs within 5 %, at most 8), then measured. Each row
# shows what one request costs the database (commits from pg_stat_database) and how the CPU was split between the
# API, the worker, PostgreSQL and wrk (utime+stime from /proc). Rate limits are off for the load (they would answer
# most of it with 429); the fault tests measure them. Load goes to 127.0.0.1 only and every step is bounded in time.
#
#   BENCH_SECONDS (10)  length of each measured run      BENCH_BACKLOG (50000)  events queued for the drain row
#   BENCH_STREAMS (1000)  event streams held open on one API host for the fan-out rows (bench/fanout/run.sh)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

duration=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
backlog=${BENCH_BACKLOG:-50000}
streams=${BENCH_STREAMS:-1000}
api_port=8190 hello_port=8191 worker_port=8192 cold_port=8200 fanout_port=8201
log=$(mktemp -d)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  kill -CONT "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$log"
}
trap cleanup EXIT

command -v wrk >/dev/null || {
  echo "bench: installing wrk" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=120 update
  DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=120 install -y wrk >/dev/null
}
data=${TASKLANE_DATA:-$PWD/.data}
env_file=$(scripts/services.sh up "$data")
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ConnectionStrings__Postgres")
export PGHOST=127.0.0.1 PGPORT=$pg PGUSER=tasklane PGPASSWORD=tasklane
postmaster=$(head -n 1 "$data/pg/data/postmaster.pid" 2>/dev/null || pgrep -o -f "postgres.*-p $pg" || true)

echo "bench: building Release" >&2
for project in src/Tasklane.Api src/Tasklane.Worker bench/Hello; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done
api_dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
worker_dll=src/Tasklane.Worker/bin/Release/net10.0/Tasklane.Worker.dll
DOTNET_ENVIRONMENT=Production dotnet "$api_dll" migrate >/dev/null

# --- Helpers ---------------------------------------------------------------------------------------------
wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "bench: $1 did not come up" >&2; exit 1; }
# A run with any non-2xx/3xx answer is not a measurement: it stops the bench.
checked() {
  local out
  out=$(cat)
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    echo "bench: errors during the run:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$out"
}
rps() { grep -Eo 'Requests/sec: +[0-9.]+' | grep -Eo '[0-9.]+$'; }
requests() { grep -Eo '^ +[0-9]+ requests in' | grep -Eo '[0-9]+'; }
# wrk --latency percentiles in ms, e.g. "p50 1.20 ms, p99 4.51 ms"
latency() {
  awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "p50 %.2f ms, p99 %.2f ms", ms(p50), ms(p99) }'
}
tps() { grep -Eo 'tps = [0-9.]+' | tail -n 1 | grep -Eo '[0-9.]+'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print (ok ? "met" : "missed") }'; }
count() { psql -d tasklane -tAc "$1"; }
commits() { count "select xact_commit from pg_stat_database where datname = 'tasklane'"; }
# Transactions that wrote since the cluster started (each write takes a transaction id; reading this takes none).
# xact_commit also counts read-only ones: polls, and the transaction a LISTENing session runs for each NOTIFY.
writes() { count "select txid_snapshot_xmax(txid_current_snapshot())"; }
ticks() { # utime+stime of the given processes (those still alive)
  local total=0 pid fields
  for pid in "$@"; do
    if read -r -a fields 2>/dev/null </proc/"$pid"/stat; then total=$((total + fields[13] + fields[14])); fi
  done
  echo "$total"
}
# PostgreSQL's CPU: the postmaster's own and that of the backends it has reaped (cutime+cstime), plus live backends;
# backends that come and go during a run are counted either way.
pg_ticks() {
  local total=0 pid fields
  read -r -a fields </proc/"$postmaster"/stat && total=$((fields[13] + fields[14] + fields[15] + fields[16]))
  for pid in $(pgrep -P "$postmaster" 2>/dev/null || true); do
    if read -r -a fields 2>/dev/null </proc/"$pid"/stat; then total=$((total + fields[13] + fields[14])); fi
  done
  echo "$total"
}

# Warms a wrk target until its rate is stable (two consecutive 3 s runs within 5 %), at most 8 runs.
warm() {
  local previous=0 current
  for _ in $(seq 8); do
    current=$(wrk -t2 "$@" -d3s | checked | rps)
    if awk -v a="$current" -v b="$previous" 'BEGIN { exit !(b > 0 && a >= b * 0.95 && a <= b * 1.05) }'; then
      break
    fi
    previous=$current
  done
  echo "bench:   warm at $current req/s" >&2
}

# Measures one wrk run: sets $rate, $lat, $per_commit and $per_write (commits, and those that wrote, per request),
# $cpu (the split), for the processes API=$1 WORKER=$2 (pid or 0), then wrk's arguments.
measure() {
  local api_pid=$1 worker_pid=$2 out c0 c1 x0 x1 n a0 a1 w0 w1 p0 p1 k0 k1 wrk_pid
  shift 2
  c0=$(commits) x0=$(writes)
  a0=$(ticks "$api_pid") w0=$(ticks "$worker_pid") p0=$(pg_ticks)
  wrk -t2 "$@" -d"${duration}s" --latency >"$log/wrk.out" &
  wrk_pid=$!
  sleep 1
  k0=$(ticks "$wrk_pid")
  sleep $((duration - 2))
  k1=$(ticks "$wrk_pid")
  wait "$wrk_pid"
  out=$(checked <"$log/wrk.out")
  c1=$(commits) x1=$(writes)
  a1=$(ticks "$api_pid") w1=$(ticks "$worker_pid") p1=$(pg_ticks)
  rate=$(rps <<<"$out")
  lat=$(latency <<<"$out")
  n=$(requests <<<"$out")
  per_commit=$(awk -v d=$((c1 - c0)) -v n="$n" 'BEGIN { printf "%.2f", (n > 0 ? d / n : 0) }')
  per_write=$(awk -v d=$((x1 - x0)) -v n="$n" 'BEGIN { printf "%.2f", (n > 0 ? d / n : 0) }')
  # wrk's ticks cover duration-2 s of its run: scaled to the whole run.
  cpu=$(awk -v a=$((a1 - a0)) -v w=$((w1 - w0)) -v p=$((p1 - p0)) -v k=$((k1 - k0)) -v d="$duration" 'BEGIN {
    k = k * d / (d - 2); t = a + w + p + k; if (t == 0) t = 1
    printf "API %d%%, worker %d%%, Postgres %d%%, wrk %d%%", 100 * a / t, 100 * w / t, 100 * p / t, 100 * k / t }')
}

queued() { # messages waiting in every subscriber queue
  count "select coalesce(sum(n), 0) from (
    select (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint as n
    from information_schema.tables where table_schema = 'wolverine_queues' and table_name like 'wolverine_queue_%' and table_name not like '%_scheduled') q"
}

start_api() { # port, extra env... -> pid
  local port=$1
  shift
  env "$@" RateLimiting__Enabled=false DOTNET_ENVIRONMENT=Production dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$log/api-$port.log" 2>&1 &
  echo $!
}
start_worker() {
  DOTNET_ENVIRONMENT=Production dotnet "$worker_dll" --urls "http://127.0.0.1:$worker_port" >>"$log/worker.log" 2>&1 &
  echo $!
}

# --- Baselines -------------------------------------------------------------------------------------------
echo "bench: baseline hello" >&2
dotnet bench/Hello/bin/Release/net10.0/Hello.dll --urls "http://127.0.0.1:$hello_port" >"$log/hello.log" 2>&1 &
hello_pid=$!
pids+=("$hello_pid")
wait_for "http://127.0.0.1:$hello_port/"
warm -c"$conns" "http://127.0.0.1:$hello_port/"
measure "$hello_pid" 0 -c"$conns" "http://127.0.0.1:$hello_port/"
hello=$rate
kill "$hello_pid"

echo "bench: baseline pgbench" >&2
psql -q -d tasklane -tAc "select 1 from pg_database where datname = 'pgbench'" | grep -q 1 || psql -q -d tasklane -c "create database pgbench"
pgbench -q -i -s 10 pgbench >/dev/null 2>&1
pgbench -n -S -M prepared -c 8 -j 2 -T 3 pgbench >/dev/null 2>&1
pg_select=$(pgbench -n -S -M prepared -c 8 -j 2 -T "$duration" pgbench 2>/dev/null | tps)
psql -q -d pgbench -c "create table if not exists bench_insert (id uuid primary key, title text not null, created_at timestamptz not null default now())"
echo "insert into bench_insert (id, title) values (gen_random_uuid(), 'bench');" >"$log/insert.sql"
pgbench -n -f "$log/insert.sql" -M prepared -c 8 -j 2 -T 3 pgbench >/dev/null 2>&1
pg_insert=$(pgbench -n -f "$log/insert.sql" -M prepared -c 8 -j 2 -T "$duration" pgbench 2>/dev/null | tps)

# --- Tasklane --------------------------------------------------------------------------------------------
echo "bench: Tasklane API and worker" >&2
worker_pid=$(start_worker)
pids+=("$worker_pid")
api_pid=$(start_api "$api_port")
pids+=("$api_pid")
wait_for "http://127.0.0.1:$api_port/health/live"
wait_for "http://127.0.0.1:$worker_port/health/live"

# What the hosts cost doing nothing (the worker polls its queues): CPU of a core over 10 s, once any backlog left in
# the database by an earlier run is drained.
until [ "$(queued)" -eq 0 ]; do sleep 0.2; done
sleep 3
i_api=$(ticks "$api_pid") i_worker=$(ticks "$worker_pid") i_pg=$(pg_ticks) i_commits=$(commits)
sleep 10
idle="API $(( ($(ticks "$api_pid") - i_api) / 10 ))%, worker $(( ($(ticks "$worker_pid") - i_worker) / 10 ))%, Postgres $(( ($(pg_ticks) - i_pg) / 10 ))% of a core; $(( ($(commits) - i_commits) / 10 )) commits/s"

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

echo "bench: GET /tasks/{id}, cached" >&2
warm -c"$conns" -H "$auth" "$api/tasks/$task"
measure "$api_pid" "$worker_pid" -c"$conns" -H "$auth" "$api/tasks/$task"
get_hot=$rate get_hot_commits="$per_commit ($per_write writing)" get_hot_cpu=$cpu
half=$(awk -v r="$get_hot" 'BEGIN { printf "%d", 1000 * 8 / (r / 2) }')
BENCH_DELAY_MS=$half measure "$api_pid" "$worker_pid" -c8 -s bench/wrk/paced.lua -H "$auth" "$api/tasks/$task"
get_hot_half=$lat

echo "bench: GET /tasks/{id}, uncached (Cache__Enabled=false)" >&2
cold_pid=$(start_api "$cold_port" Cache__Enabled=false)
pids+=("$cold_pid")
wait_for "http://127.0.0.1:$cold_port/health/live"
cold_url="http://127.0.0.1:$cold_port/api/v1/tasks/$task"
warm -c"$conns" -H "$auth" "$cold_url"
measure "$cold_pid" "$worker_pid" -c"$conns" -H "$auth" "$cold_url"
get_cold=$rate get_cold_commits="$per_commit ($per_write writing)" get_cold_cpu=$cpu
half=$(awk -v r="$get_cold" 'BEGIN { printf "%d", 1000 * 8 / (r / 2) }')
BENCH_DELAY_MS=$half measure "$cold_pid" "$worker_pid" -c8 -s bench/wrk/paced.lua -H "$auth" "$cold_url"
get_cold_half=$lat
kill "$cold_pid"

echo "bench: fan-out: $streams event streams on one API host, 20 task creations/s through it" >&2
# A host of its own, so that no other row measures an API holding 1,000 streams. One user holds them all
# (Stream__ConnectionsPerUser is 10 by default); each stream is an open file in the API and in the client.
until [ "$(queued)" -eq 0 ]; do sleep 0.2; done
fanout_pid=$(
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 8192 ] || ulimit -n 8192
  start_api "$fanout_port" Stream__ConnectionsPerUser=$((streams * 2))
)
pids+=("$fanout_pid")
wait_for "http://127.0.0.1:$fanout_port/health/live"
fanout=$(FANOUT_STREAMS=$streams FANOUT_RATE=20 FANOUT_SECONDS=10 \
  bench/fanout/run.sh "http://127.0.0.1:$fanout_port/api/v1" "$fanout_pid" "$TASKLANE_TOKEN" "$workspace" "$project")
kill "$fanout_pid"
fan() { awk -v k="$1" '$1 == k { print $2 }' <<<"$fanout"; }
fan_verdict=$(verdict "$(fan p99_ms)" 200 "<=")
[ "$(fan missing)" -eq 0 ] && [ "$(fan duplicates)" -eq 0 ] || fan_verdict="missed ($(fan missing) missing, $(fan duplicates) twice)"

echo "bench: POST /projects/{id}/tasks, worker running" >&2
rss_sampler() { while kill -0 "$api_pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$api_pid/status" 2>/dev/null || true; sleep 0.5; done; }
rss_sampler >"$log/rss" &
sampler=$!
warm -c8 -s bench/wrk/post-task.lua "$api/projects/$project/tasks"
until [ "$(queued)" -eq 0 ]; do sleep 0.2; done
start_ns=$(date +%s%N)
before=$(count "select count(*) from tasks where project_id = '$project'")
measure "$api_pid" "$worker_pid" -c8 -s bench/wrk/post-task.lua "$api/projects/$project/tasks"
post=$rate post_commits="$per_commit ($per_write writing)" post_cpu=$cpu
created=$(($(count "select count(*) from tasks where project_id = '$project'") - before))
# Drain: until every subscriber queue is empty again (bounded at 120 s); the worker keeps up when it ends with the load.
for _ in $(seq 1200); do [ "$(queued)" -eq 0 ] && break; sleep 0.1; done
drain_s=$(awk -v s="$start_ns" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
drain=$(awk -v n="$created" -v s="$drain_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')

echo "bench: POST at half its rate: latency and API -> worker lag" >&2
paced_start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
half=$(awk -v r="$post" 'BEGIN { printf "%d", 1000 * 8 / (r / 2) }')
BENCH_DELAY_MS=$half measure "$api_pid" "$worker_pid" -c8 -s bench/wrk/post-task.lua "$api/projects/$project/tasks"
post_half=$lat
until [ "$(queued)" -eq 0 ]; do sleep 0.2; done
read -r lag_p50 lag_p99 < <(count "select round(1000 * extract(epoch from percentile_cont(0.5) within group (order by recorded_at - occurred_at))),
  round(1000 * extract(epoch from percentile_cont(0.99) within group (order by recorded_at - occurred_at)))
  from activity where project_id = '$project' and kind = 'task.created' and occurred_at >= '$paced_start'" | tr '|' ' ')

echo "bench: POST with the worker stopped (the API's own commits), then a backlog of $backlog events" >&2
kill -TERM "$worker_pid"
wait "$worker_pid" 2>/dev/null || true
# Steady state first: for a few seconds after a worker node leaves, the API's Wolverine reassigns its agents.
warm -c8 -s bench/wrk/post-task.lua "$api/projects/$project/tasks"
measure "$api_pid" 0 -c8 -s bench/wrk/post-task.lua "$api/projects/$project/tasks"
api_alone=$rate api_commits=$per_commit api_writes=$per_write
while [ "$(count "select count(*) from wolverine_queues.wolverine_queue_activity")" -lt "$backlog" ]; do
  wrk -t2 -c8 -d5s -s bench/wrk/post-task.lua "$api/projects/$project/tasks" | checked >/dev/null
done
kill "$sampler" 2>/dev/null || true
rss_mb=$(sort -n "$log/rss" | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }')
events=$(count "select count(*) from wolverine_queues.wolverine_queue_activity")
c0=$(commits) x0=$(writes)
p0=$(pg_ticks)
start_ns=$(date +%s%N)
worker_pid=$(start_worker)
pids+=("$worker_pid")
for _ in $(seq 3000); do [ "$(queued)" -eq 0 ] && break; sleep 0.1; done
backlog_s=$(awk -v s="$start_ns" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
worker_commits=$(awk -v d=$(($(commits) - c0)) -v n="$events" 'BEGIN { printf "%.2f", d / n }')
worker_writes=$(awk -v d=$(($(writes) - x0)) -v n="$events" 'BEGIN { printf "%.2f", d / n }')
backlog_rate=$(awk -v n="$events" -v s="$backlog_s" 'BEGIN { printf "%.0f", n / s }')
backlog_cpu=$(awk -v w="$(ticks "$worker_pid")" -v p=$(($(pg_ticks) - p0)) 'BEGIN { t = w + p; if (t == 0) t = 1
  printf "worker %d%%, Postgres %d%%", 100 * w / t, 100 * p / t }')
kill "$api_pid"

echo "bench: cold start" >&2
cold=$(RUNS=3 PORT=8193 bench/cold-start.sh 2>/dev/null)
cold_published=$(grep '^Published' <<<"$cold" | grep -Eo 'median [0-9]+' | grep -Eo '[0-9]+')
cold_static=$(grep '^Static' <<<"$cold" | grep -Eo 'median [0-9]+' | grep -Eo '[0-9]+')
cold_dynamic=$(grep '^Dynamic' <<<"$cold" | grep -Eo 'median [0-9]+' | grep -Eo '[0-9]+')

# --- Table -----------------------------------------------------------------------------------------------
r_hot=$(ratio "$get_hot" "$hello")
r_cold=$(ratio "$get_cold" "$pg_select")
r_post=$(ratio "$post" "$pg_insert")
r_drain=$(ratio "$drain" "$post")
r_backlog=$(ratio "$backlog_rate" "$pg_insert")
table=$(cat <<TABLE
| measure | result | baseline | ratio | target | verdict | commits per request | CPU split |
|---|---|---|---|---|---|---|---|
| Kestrel hello (wrk -t2 -c$conns) | $hello req/s | – | – | – | baseline | – | – |
| pgbench select by primary key (-S, prepared, 8 clients) | $pg_select tx/s | – | – | – | baseline | 1 | – |
| pgbench single-row insert (prepared, 8 clients) | $pg_insert tx/s | – | – | – | baseline | 1 | – |
| GET /tasks/{id}, cached (wrk -c$conns) | $get_hot req/s | hello | $r_hot | ≥ 0.6 | $(verdict "$r_hot" 0.6 ">=") | $get_hot_commits | $get_hot_cpu |
| GET /tasks/{id}, uncached (Cache__Enabled=false) | $get_cold req/s | pgbench select | $r_cold | ≥ 0.25 | $(verdict "$r_cold" 0.25 ">=") | $get_cold_commits | $get_cold_cpu |
| POST /projects/{id}/tasks with its event, worker running (wrk -c8) | $post req/s | pgbench insert | $r_post | ≥ 0.15 | $(verdict "$r_post" 0.15 ">=") | $post_commits (API + worker) | $post_cpu |
| the worker keeps up: drain rate during that POST run | $drain events/s | POST rate | $r_drain | ≥ 1.0 | $(verdict "$r_drain" 0.98 ">=") | – | – |
| POST, worker stopped (the API alone) | $api_alone req/s | pgbench insert | $(ratio "$api_alone" "$pg_insert") | – | – | $api_commits ($api_writes writing) | – |
| worker backlog drain ($events events queued, worker started) | $backlog_rate events/s | pgbench insert | $r_backlog | ≥ 0.1 | $(verdict "$r_backlog" 0.1 ">=") | $worker_commits ($worker_writes writing) per event | $backlog_cpu |
| API commits per POST (target ≤ 2) | $api_commits | – | – | ≤ 2 | $(verdict "$api_commits" 2 "<=") | – | – |
| worker commits per event (target ≤ 2) | $worker_commits | – | – | ≤ 2 | $(verdict "$worker_commits" 2 "<=") | – | – |
| GET cached at half its maximum rate | $get_hot_half | – | – | – | – | – | – |
| GET uncached at half its maximum rate | $get_cold_half | – | – | – | – | – | – |
| POST at half its maximum rate | $post_half | – | – | – | – | – | – |
| API → worker delivery lag at half the POST rate | p50 ${lag_p50} ms, p99 ${lag_p99} ms | – | – | p99 ≤ 100 ms | $(verdict "$lag_p99" 100 "<=") | – | – |
| fan-out: $streams event streams on one API host, $(fan write_rate) task creations/s through it (10 s lead-in, 10 s measured): POST's answer → the event, on every stream | p50 $(fan p50_ms) ms, p99 $(fan p99_ms) ms over $(fan receipts) receipts, $(fan missing) missing ($(fan early) came before the answer: 0 ms); from occurredAt p50 $(fan occurred_p50_ms) ms, p99 $(fan occurred_p99_ms) ms | – | – | p99 ≤ 200 ms, none missing | $fan_verdict | – | API $(fan write_cpu_pct)%, client $(fan client_cpu_pct)% of a core |
| fan-out: API memory per idle stream (VmRSS 3 s after opening $streams, all of one user: Stream__ConnectionsPerUser=$((streams * 2))) | $(fan kb_per_stream) KB ($(fan rss_before_mb) → $(fan rss_after_mb) MB) | – | – | ≤ 64 KB | $(verdict "$(fan kb_per_stream)" 64 "<=") | – | – |
| cold start to first 2xx, pre-generated code, published (ReadyToRun) | ${cold_published} ms (as built: ${cold_static} ms, dynamic code: ${cold_dynamic} ms) | – | – | ≤ 1500 ms | $(verdict "$cold_published" 1500 "<=") | – | – |
| idle, no requests (10 s) | $idle | – | – | – | – | – | – |
| API RSS under POST load (max) | ${rss_mb} MB | – | – | ≤ 250 MB | $(verdict "$rss_mb" 250 "<=") | – | – |
TABLE
)
echo
echo "$table"

doc=docs/benchmarks.md
section="## Throughput and latency (bench.sh)"
{
  echo "$section"
  echo
  echo "Last run: $(date -u +%Y-%m-%d), $(nproc) cores, ${duration} s per measurement after warming to a steady rate; client and"
  echo "server share the machine. Commits: pg_stat_database.xact_commit over the run divided by its requests (Wolverine's"
  echo "own background work included); \"writing\": those of them that wrote (transaction ids taken). Read-only commits include"
  echo "polls and the transaction a LISTENing session runs per NOTIFY. Task lists, search and exports have their own scripts."
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
