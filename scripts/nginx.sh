#!/usr/bin/env bash
# Runs nginx in the foreground as a load balancer in front of local API hosts, from the checked-in
# deploy/nginx/local.conf.template; its config, pid, logs and temp files live under DIR.
#
#   scripts/nginx.sh DIR --listen PORT --upstream PORT [--upstream PORT ...] [--bind ADDR]
#
# --bind is the loopback address nginx connects to the API hosts from (default 127.0.0.2): give the
# hosts ForwardedHeaders__KnownProxies=ADDR so they trust X-Forwarded-For from nginx and from nobody
# else on this machine. The script execs nginx: its pid is nginx's, SIGTERM stops it (fast), SIGQUIT
# drains it.
set -euo pipefail

die() {
  printf 'nginx.sh: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '5,5s/^#   //p' "$0" >&2
  exit 2
}

REPO_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
dir="" listen="" bind=127.0.0.2
upstreams=()
while (($# > 0)); do
  case $1 in
    --listen) (($# >= 2)) || usage; listen=$2; shift 2 ;;
    --upstream) (($# >= 2)) || usage; upstreams+=("$2"); shift 2 ;;
    --bind) (($# >= 2)) || usage; bind=$2; shift 2 ;;
    -*) usage ;;
    *) [[ -z $dir ]] || usage; dir=$1; shift ;;
  esac
done
[[ -n $dir && -n $listen && ${#upstreams[@]} -gt 0 ]] || usage
for port in "$listen" "${upstreams[@]}"; do
  [[ $port =~ ^[1-9][0-9]{0,4}$ ]] || die "not a port: $port"
done
[[ $bind =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "--bind must be a loopback address (127.x.y.z): $bind"

nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx_bin ]] || die "nginx not found: apt-get install -y nginx"

mkdir -p -- "$dir/tmp"
prefix=$(cd -- "$dir" && pwd -P)
# nginx started as root runs its workers as nobody; they write request bodies and large responses under tmp/.
chmod 755 -- "$prefix" "$prefix/tmp"

servers=""
for port in "${upstreams[@]}"; do
  servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
conf_dir=$REPO_ROOT/deploy/nginx
template=$(<"$conf_dir/local.conf.template")
template=${template//@PREFIX@/$prefix}
template=${template//@LISTEN@/127.0.0.1:$listen}
template=${template//@PROXY_BIND@/$bind}
template=${template//@CONF_DIR@/$conf_dir}
template=${template//@SERVERS@/${servers%$'\n'}}
printf '%s\n' "$template" >"$prefix/nginx.conf"

exec "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
