#!/usr/bin/env bash
# Retention at scale: the worker's purge of more than a million activity entries older than the retention, and the
# workspace activity feed (GET /workspaces/{id}/activity, first page of 50) at 10k vs 1M entries before, during and
# after it. Seeds two workspaces straight into PostgreSQL (10k and 1M entries of the last 300 days, once; later runs
# reuse them) and, on every run, OLD_ROWS entries 400 to 700 days old in the 1M workspace. Runs the Release API and
# worker against the services of ./run.sh (.data/); the worker purges when it starts and logs what it deleted.
#
#   bench/retention.sh                  # REQUESTS=100 per size, OLD_ROWS=1000000, PORT=8095 (API), WORKER_PORT=8094
#   SERVICES_ARGS="--pg-port 55632" bench/retention.sh   # services on other ports (passed to services.sh up)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
requests=${REQUESTS:-100}
old_rows=${OLD_ROWS:-1000000}
port=${PORT:-8095}
worker_port=${WORKER_PORT:-8094}
data_dir=${TASKLANE_DATA:-$PWD/.data}

# shellcheck disable=SC2086
env_file=$(scripts/services.sh up "$data_dir" ${SERVICES_ARGS:-})
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$ConnectionStrings__Postgres")
psql() { PGPASSWORD=tasklane "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -h 127.0.0.1 -p "$pg_port" -U tasklane -d tasklane -X -q -v ON_ERROR_STOP=1 "$@"; }

dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dotnet build src/Tasklane.Worker/Tasklane.Worker.csproj -c Release -v q -nologo >/dev/null
export DOTNET_ENVIRONMENT=Production
dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll migrate >/dev/null

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
# The bench user sends a few hundred requests a minute; rate limits would answer some of them 429.
RateLimiting__Enabled=false dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pids+=($!)
api=http://127.0.0.1:$port/api/v1
until curl -s -o /dev/null "$api/me"; do sleep 0.2; done
json='content-type: application/json'
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

email=bench-retention@example.com
curl -s -o /dev/null -X POST "$api/auth/register" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench password\",\"displayName\":\"Bench\"}"
token=$(curl -s -X POST "$api/auth/login" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench password\"}" | field token)
auth="authorization: Bearer $token"
user=$(curl -s "$api/me" -H "$auth" | sed 's/{"id":"\([^"]*\)".*/\1/')

workspace_with() { # name -> workspace id
  local id
  id=$(psql -Atc "select id from workspaces where created_by = '$user' and name = '$1'")
  [[ -n $id ]] || id=$(curl -s -X POST "$api/workspaces" -H "$auth" -H "$json" -d "{\"name\":\"$1\"}" | field id)
  echo "$id"
}
# Entries with UUIDv7-shaped ids (as the events' ids are) spread evenly from `newest` days ago back to `oldest`.
seed() { # workspace count oldest-days newest-days
  local start
  start=$(date +%s%N)
  psql -v ws="$1" -v user="$user" -v n="$2" -v oldest="$3" -v newest="$4" <<'SQL'
insert into activity (id, workspace_id, actor_id, kind, data, occurred_at, recorded_at)
select (lpad(to_hex(ms), 12, '0') || '7' || lpad(to_hex(i % 4096), 3, '0') || '9' || lpad(to_hex(i % 4096), 3, '0')
        || lpad(to_hex(i), 12, '0'))::uuid,
       :'ws', :'user', 'task.created', jsonb_build_object('title', 'Seeded ' || i, 'status', 'todo', 'priority', 'normal'),
       to_timestamp(ms / 1000.0), to_timestamp(ms / 1000.0)
from (select i, (extract(epoch from now() - :newest * interval '1 day') * 1000)::bigint
                - (i::bigint * (:oldest - :newest) * 86400000 / :n) as ms
      from generate_series(1, :n) as i) s;
analyze activity;
SQL
  echo "  seeded $2 entries in $1, $3 to $4 days old: $((($(date +%s%N) - start) / 1000000)) ms" >&2
}
recent() { psql -Atc "select count(*) from activity where workspace_id = '$1' and occurred_at > now() - interval '365 days'"; }
ws10k=$(workspace_with bench-retention-10k)
ws1m=$(workspace_with bench-retention-1m)
(($(recent "$ws10k") >= 10000)) || seed "$ws10k" 10000 300 1
(($(recent "$ws1m") >= 1000000)) || seed "$ws1m" 1000000 300 1
seed "$ws1m" "$old_rows" 700 400
count() { psql -Atc "select count(*) from activity where workspace_id = '$1'"; }

measure() { # url-10k url-1m -> "p50 p99 p50 p99" in ms, alternating on one connection (as bench/list-tasks.sh)
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
feed() { # label
  local times
  times=$(measure "$api/workspaces/$ws10k/activity?limit=50" "$api/workspaces/$ws1m/activity?limit=50")
  read -r a50 a99 b50 b99 <<<"$times"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(count "$ws10k")" "$a50" "$a99" "$(count "$ws1m")" "$b50" "$b99" \
    "$(awk -v a="$a50" -v b="$b50" 'BEGIN { printf "%.2f", b / a }')"
}

printf '| activity feed, first page of 50 | entries | p50 ms | p99 ms | entries | p50 ms | p99 ms | p50 ratio |\n|---|---|---|---|---|---|---|---|\n'
feed "before the purge"

log=$(mktemp)
Retention__BatchSize=${BATCH_SIZE:-5000} dotnet src/Tasklane.Worker/bin/Release/net10.0/Tasklane.Worker.dll --urls "http://127.0.0.1:$worker_port" >"$log" 2>&1 &
pids+=($!)
# The worker purges as soon as it has started; meanwhile the feed is read as usual (each delete holds only its
# batch's rows), and the row says whether the purge was still running when the measurement ended.
until curl -sf -o /dev/null "http://127.0.0.1:$worker_port/health/live"; do sleep 0.2; done
during=$(feed "during the purge")
grep -q 'Retention: deleted .* rows from activity' "$log" && during+=" (it ended before the measurement)"
echo "$during"
until grep -q 'Retention: deleted .* rows from activity' "$log"; do sleep 0.5; done
feed "after the purge"
echo
grep -o 'Retention: deleted [0-9][^"]*' "$log" | sed 's/^/  /'
psql -Atc "select '  activity entries older than 365 days left: ' || count(*) from activity where occurred_at < now() - interval '365 days'"
rm -f "$log"
