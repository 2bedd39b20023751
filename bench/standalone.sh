# Sourced by the bench scripts that can run on their own (bench/fanout/run.sh, bench/web/run.sh): the services of
# ./run.sh (SERVICES_ARGS goes to scripts/services.sh up, TASKLANE_DATA as in ./run.sh), a Release API host on port $1
# with the environment given after it, and a new user with a workspace. Sets api (its /api/v1 URL), api_pid, token, auth,
# json and workspace; stops the host on exit.
standalone_api() {
  local port=$1
  shift
  local env_file
  # shellcheck disable=SC2086
  env_file=$(scripts/services.sh up "${TASKLANE_DATA:-$PWD/.data}" ${SERVICES_ARGS:-})
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
  export DOTNET_ENVIRONMENT=Production
  dotnet build src/Tasklane.Api -c Release -v q -nologo >/dev/null
  local api_dll=src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll
  dotnet "$api_dll" migrate >/dev/null
  standalone_log=$(mktemp)
  env "$@" dotnet "$api_dll" --urls "http://127.0.0.1:$port" >"$standalone_log" 2>&1 &
  api_pid=$!
  trap 'kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; rm -f "$standalone_log"' EXIT
  api=http://127.0.0.1:$port/api/v1
  for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && break; sleep 0.1; done
}

# A new user (email prefix $1) signed in, and a workspace named $2.
standalone_user() {
  json='content-type: application/json'
  local email
  email="$1-$(date +%s%N)@example.com"
  curl -sf -X POST "$api/auth/register" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench-password\",\"displayName\":\"Bench\"}" >/dev/null
  token=$(curl -sf -X POST "$api/auth/login" -H "$json" -d "{\"email\":\"$email\",\"password\":\"bench-password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
  auth="authorization: Bearer $token"
  workspace=$(curl -sf -X POST "$api/workspaces" -H "$auth" -H "$json" -d "{\"name\":\"$2\"}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
}
