#!/usr/bin/env bash
# Fan-out: FANOUT_STREAMS (1000) event streams on ONE API host while FANOUT_RATE (20) tasks a second are created
# through it for FANOUT_SECONDS (10), after a 10 s lead-in; prints commit -> receipt latency over every (stream,
# change) and the API's memory per idle stream as `key value` lines (bench/fanout/fanout.js measures; bench.sh turns
# them into its fan-out rows).
#
#   bench/fanout/run.sh API_URL API_PID TOKEN WORKSPACE PROJECT   # against a running API host, as bench.sh calls it
#   bench/fanout/run.sh                                           # standalone: services, a Release API, a new user
#
# The host must let one user hold every stream and must not rate-limit the bench: start it with
# Stream__ConnectionsPerUser=2000 RateLimiting__Enabled=false (as bench.sh and the standalone mode do). Standalone,
# the API listens on PORT (8196); SERVICES_ARGS goes to scripts/services.sh up (e.g. "--pg-port 55632"), TASKLANE_DATA
# as in ./run.sh.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."

# Each stream is a socket here and one in the API: the default of 1024 open files would stop below 1,000 streams.
nofile() { [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 8192 ] || ulimit -n 8192; }
nofile

if [ $# -eq 5 ]; then
  FANOUT_API=$1 FANOUT_PID=$2 TASKLANE_TOKEN=$3 FANOUT_WORKSPACE=$4 FANOUT_PROJECT=$5 exec node bench/fanout/fanout.js
fi
[ $# -eq 0 ] || { sed -n '7,8s/^#   //p' "$0" >&2; exit 2; }

# --- Standalone: what bench.sh has already set up when it calls this script --------------------------------
# shellcheck source=bench/standalone.sh
. bench/standalone.sh
standalone_api "${PORT:-8196}" Stream__ConnectionsPerUser=2000 RateLimiting__Enabled=false
standalone_user bench-fanout Fan-out
project=$(curl -sf -X POST "$api/workspaces/$workspace/projects" -H "$auth" -H "$json" -d '{"name":"Fan-out"}' | sed -E 's/^\{"id":"([^"]+)".*/\1/')
FANOUT_API=$api FANOUT_PID=$api_pid TASKLANE_TOKEN=$token FANOUT_WORKSPACE=$workspace FANOUT_PROJECT=$project node bench/fanout/fanout.js
