#!/usr/bin/env bash
# Runs the whole system on this machine, in the foreground: PostgreSQL, Redis, an S3-compatible
# store and maildev, a mail catcher (installed from Debian/npm when missing, data under .data/), migrations, then the API on
# http://127.0.0.1:8080 (web app at /) and the worker (health on :8081). Ctrl-C stops everything; data is kept.
#
#   ./run.sh           one API host on :8080, one worker (health :8081)
#   ./run.sh --scale   the production topology: nginx on :8080 balancing two API hosts (:8082, :8083),
#                      two workers (health :8084, :8085) and a streaming read replica of PostgreSQL
#                      (port 55433) that takes the stale-tolerant reads. See docs/operations.md, "Topology".
#   --allow-private-webhooks  (with either) let webhooks reach loopback and private addresses, e.g. a receiver
#                      on this machine; the SSRF guard is on otherwise, and the hosts log a warning when it is off.
# TASKLANE_DATA, TASKLANE_{PG,REDIS,S3,REPLICA,LB,SMTP,MAIL_WEB,OIDC}_PORT move it (the hosts of --scale use LB_PORT+2..+5).
# Every mail the system sends (password resets, verifications, invitations) lands in maildev: read it at
# http://localhost:51080 (TASKLANE_MAIL_WEB_PORT). "Sign in with Dev provider" signs in through a development OpenID
# provider on :51090 (tools/oidc: users ann, bob, cat, any password) unless Oidc__Providers__0__Id names your own.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

scale=no
allow_private_webhooks=no
for arg in "$@"; do
  case $arg in
    --scale) scale=yes ;;
    --allow-private-webhooks) allow_private_webhooks=yes ;;
    *) sed -n '6,11s/^#   //p' "$0" >&2; exit 2 ;;
  esac
done

data=${TASKLANE_DATA:-$PWD/.data}
api_url=${TASKLANE_API_URL:-http://127.0.0.1:8080}
worker_url=${TASKLANE_WORKER_URL:-http://127.0.0.1:8081}

services_args=()
# Other ports for a second copy beside a running one.
[[ -z ${TASKLANE_PG_PORT:-} ]] || services_args+=(--pg-port "$TASKLANE_PG_PORT")
[[ -z ${TASKLANE_REDIS_PORT:-} ]] || services_args+=(--redis-port "$TASKLANE_REDIS_PORT")
[[ -z ${TASKLANE_S3_PORT:-} ]] || services_args+=(--s3-port "$TASKLANE_S3_PORT")
[[ -z ${TASKLANE_SMTP_PORT:-} ]] || services_args+=(--smtp-port "$TASKLANE_SMTP_PORT")
[[ -z ${TASKLANE_MAIL_WEB_PORT:-} ]] || services_args+=(--mail-web-port "$TASKLANE_MAIL_WEB_PORT")
[[ -z ${TASKLANE_OIDC_PORT:-} ]] || services_args+=(--oidc-port "$TASKLANE_OIDC_PORT")
if [[ $scale == yes ]]; then
  services_args+=(--replica-port "${TASKLANE_REPLICA_PORT:-55433}")
fi
echo "run: starting PostgreSQL, Redis, s3rver, maildev and the dev OpenID provider (data in $data)"
# The caller's own setting wins over the env file's default.
public_base_url=${Mail__PublicBaseUrl:-$api_url}
env_file=$(scripts/services.sh up "$data" "${services_args[@]}")
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
if [[ $scale == no ]]; then
  unset ConnectionStrings__PostgresReplica # left in the env file by an earlier --scale run
fi
# Links in mails lead to the web app as this run serves it; the caller's own settings win.
export Mail__PublicBaseUrl=$public_base_url
export Mail__From=${Mail__From:-Tasklane <tasklane@localhost>}
mail_url=${MailDev__Url/127.0.0.1/localhost}
# Sign-in through the development OpenID provider, unless the caller configured providers of their own.
if [[ -z ${Oidc__Providers__0__Id:-} ]]; then
  export Oidc__Providers__0__Id=dev Oidc__Providers__0__Name='Dev provider' Oidc__Providers__0__Authority=$OidcDev__Issuer
  export Oidc__Providers__0__ClientId=tasklane Oidc__Providers__0__ClientSecret=tasklane-dev-secret
  export Oidc__Providers__0__Scopes='openid email profile groups'
fi
# The key that seals TOTP secrets (two-factor authentication), made once and kept with the data, so enrolments survive a
# restart; the caller's own TwoFactor__SecretKey wins.
if [[ -z ${TwoFactor__SecretKey:-} ]]; then
  [[ -s $data/two-factor.key ]] || (umask 077 && head -c 32 /dev/urandom | base64 >"$data/two-factor.key")
  TwoFactor__SecretKey=$(cat "$data/two-factor.key")
  export TwoFactor__SecretKey
fi

echo "run: building"
dotnet build src/Tasklane.Api/Tasklane.Api.csproj -c Release -v q -nologo >/dev/null
dotnet build src/Tasklane.Worker/Tasklane.Worker.csproj -c Release -v q -nologo >/dev/null
bin=bin/Release/net10.0
export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Production}
# Readable console logs for a person at a terminal; JSON (the Production default) when the output goes to a file
# or a pipe, where a log collector reads it. Logging__Format set by the caller wins either way.
if [[ -t 1 && -z ${Logging__Format:-} ]]; then
  export Logging__Format=simple
fi
# The SSRF guard stays on unless asked: a run reachable from a network must not let webhooks call into it.
if [[ $allow_private_webhooks == yes ]]; then
  export Webhooks__AllowPrivateTargets=true
fi

echo "run: migrating"
dotnet "src/Tasklane.Api/$bin/Tasklane.Api.dll" migrate

pids=()
stop() {
  trap - INT TERM EXIT
  echo "run: stopping"
  # SIGTERM: the hosts finish in-flight requests and hand unfinished messages back before exiting.
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  scripts/services.sh down "$data" >/dev/null 2>&1 || true
}
trap stop INT TERM EXIT

if [[ $scale == no ]]; then
  dotnet "src/Tasklane.Worker/$bin/Tasklane.Worker.dll" --urls "$worker_url" &
  pids+=($!)
  dotnet "src/Tasklane.Api/$bin/Tasklane.Api.dll" --urls "$api_url" &
  pids+=($!)
  echo "run: web app on $api_url/, API on $api_url/api/v1, worker health on $worker_url/health/ready (Ctrl-C stops)"
  echo "run: mail sent by the system: $mail_url"
else
  lb_port=${TASKLANE_LB_PORT:-8080}
  api_ports=($((lb_port + 2)) $((lb_port + 3)))
  worker_ports=($((lb_port + 4)) $((lb_port + 5)))
  proxy=127.0.0.2 # nginx connects to the API hosts from this address; only it may set X-Forwarded-For
  for port in "${worker_ports[@]}"; do
    dotnet "src/Tasklane.Worker/$bin/Tasklane.Worker.dll" --urls "http://127.0.0.1:$port" &
    pids+=($!)
  done
  for port in "${api_ports[@]}"; do
    ForwardedHeaders__KnownProxies=$proxy dotnet "src/Tasklane.Api/$bin/Tasklane.Api.dll" --urls "http://127.0.0.1:$port" &
    pids+=($!)
  done
  scripts/nginx.sh "$data/nginx" --listen "$lb_port" --bind "$proxy" \
    --upstream "${api_ports[0]}" --upstream "${api_ports[1]}" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  echo "run: web app on http://127.0.0.1:$lb_port/ through nginx (logs in $data/nginx) to API hosts on :${api_ports[0]} and :${api_ports[1]};"
  echo "run: workers' health on :${worker_ports[0]} and :${worker_ports[1]}; read replica on port ${TASKLANE_REPLICA_PORT:-55433} (Ctrl-C stops)"
  echo "run: pids: workers ${pids[0]} ${pids[1]}, API hosts ${pids[2]} ${pids[3]}, nginx $nginx_pid"
  echo "run: mail sent by the system: $mail_url"
  # A host that dies is what this topology survives (nginx routes around it): only nginx ending the run.
  wait "$nginx_pid"
  exit
fi

# Either host exiting ends the run.
wait -n "${pids[@]}"
