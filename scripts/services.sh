#!/usr/bin/env bash
# Local PostgreSQL 15, Redis, s3rver, maildev and an OpenID provider for Tasklane development and tests, without Docker.
#
#   scripts/services.sh install
#   scripts/services.sh up DIR [--pg-port N] [--redis-port N] [--s3-port N] [--smtp-port N] [--mail-web-port N] [--oidc-port N] [--replica-port N] [--fast]
#   scripts/services.sh down DIR [--replica-only]
#
# maildev catches every mail sent to its SMTP port (no TLS, no auth) and keeps it under DIR/mail; read it at
# http://127.0.0.1:MAIL_WEB_PORT/ or through its REST API (GET /api/email, DELETE /api/email/all).
#
# The OpenID provider (tools/oidc: npm oidc-provider with fixed dev users, see tools/oidc/server.js) serves the issuer
# http://127.0.0.1:OIDC_PORT; the env file names it as OidcDev__Issuer (not a Tasklane setting: ./run.sh and the tests
# turn it into Oidc__Providers__… settings).
#
# --replica-port adds a second PostgreSQL under DIR/pg-replica, a hot standby streaming from the
# first (pg_basebackup -R as role 'replicator'); the env file then also has
# ConnectionStrings__PostgresReplica. It can be added to a running primary without restarting it.
#
# Every server binds 127.0.0.1 only and keeps its data, pid and log files under DIR, so many
# runs with different DIRs and ports can coexist. `up` prints the path of DIR/env (shell
# `export KEY='VALUE'` lines) as the last line of stdout; progress goes to stderr.
# Linux only: process ownership is checked through /proc.
set -euo pipefail

readonly TIMEOUT=30 # seconds each server may take to come up
readonly DEFAULT_PG_PORT=55432 DEFAULT_REDIS_PORT=56379 DEFAULT_S3_PORT=59000 DEFAULT_SMTP_PORT=51025 DEFAULT_MAIL_WEB_PORT=51080 DEFAULT_OIDC_PORT=51090

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
REPO_ROOT=$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd -P)
S3RVER_DIR=$REPO_ROOT/tools/s3rver
S3RVER_BIN=$S3RVER_DIR/node_modules/.bin/s3rver
MAILDEV_DIR=$REPO_ROOT/tools/maildev
MAILDEV_BIN=$MAILDEV_DIR/node_modules/.bin/maildev
OIDC_DIR=$REPO_ROOT/tools/oidc
OIDC_LIB=$OIDC_DIR/node_modules/oidc-provider/package.json
readonly SCRIPT_PATH REPO_ROOT S3RVER_DIR S3RVER_BIN MAILDEV_DIR MAILDEV_BIN OIDC_DIR OIDC_LIB

log() { printf 'services: %s\n' "$*" >&2; }
die() {
  printf 'services: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '4,6s/^#   //p' "$SCRIPT_PATH" >&2
  exit 2
}

# Debian keeps the PostgreSQL server tools out of PATH; PG_BIN overrides the guess.
pg_bin_dir() {
  if [[ -n ${PG_BIN:-} ]]; then
    printf '%s\n' "$PG_BIN"
  elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    printf '%s\n' /usr/lib/postgresql/15/bin
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    return 1
  fi
}

is_root() { [[ $EUID -eq 0 ]]; }

# ---------------------------------------------------------------------------------------------
# install

missing_apt_packages() {
  command -v redis-server >/dev/null 2>&1 || echo redis-server
  command -v curl >/dev/null 2>&1 || echo curl
  pg_bin_dir >/dev/null || echo postgresql-15
}

# .package-lock.json is written last by npm; a lockfile newer than it means deps changed.
npm_tool_installed() {
  local dir=$1 bin=$2
  [[ -x $bin && -f $dir/node_modules/.package-lock.json &&
    ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]
}

s3rver_installed() { npm_tool_installed "$S3RVER_DIR" "$S3RVER_BIN"; }

maildev_installed() { npm_tool_installed "$MAILDEV_DIR" "$MAILDEV_BIN"; }

# A library with no bin of its own: its package.json stands for it.
oidc_installed() { npm_tool_installed "$OIDC_DIR" "$OIDC_LIB"; }

# Runs a command with its output captured; shows the output only if it fails.
run_quiet() {
  local out status=0
  out=$(mktemp)
  # Closing the lock fds keeps anything the command leaves running (apt may start a
  # service) from holding our locks forever.
  "$@" >"$out" 2>&1 8<&- 9>&- || status=$?
  if ((status != 0)); then
    tail -n 40 "$out" >&2
    rm -f "$out"
    die "failed ($status): $*"
  fi
  rm -f "$out"
}

cmd_install() {
  local -a pkgs
  mapfile -t pkgs < <(missing_apt_packages)
  # Fast path: nothing to do, no locks, no apt.
  if ((${#pkgs[@]} == 0)) && s3rver_installed && maildev_installed && oidc_installed; then
    return 0
  fi

  # Concurrent test runs may all find things missing; serialise on this script's own file.
  exec 8<"$SCRIPT_PATH"
  flock 8

  mapfile -t pkgs < <(missing_apt_packages)
  if ((${#pkgs[@]} > 0)); then
    local -a sudo=()
    if ! is_root; then
      command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${pkgs[*]}"
      sudo=(sudo)
    fi
    log "installing ${pkgs[*]} (apt)"
    # Lock timeout: wait for another apt/dpkg run instead of failing at once.
    run_quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -qq update
    run_quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -qq \
      install -y --no-install-recommends "${pkgs[@]}"
  fi

  if ! s3rver_installed; then
    command -v npm >/dev/null 2>&1 || die "npm not found (need Node 20 + npm for s3rver)"
    log "installing s3rver (npm ci in tools/s3rver)"
    # No dependency needs an install script; skipping them keeps the install inert.
    run_quiet npm ci --prefix "$S3RVER_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi

  if ! maildev_installed; then
    command -v npm >/dev/null 2>&1 || die "npm not found (need Node 20 + npm for maildev)"
    log "installing maildev (npm ci in tools/maildev)"
    run_quiet npm ci --prefix "$MAILDEV_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi

  if ! oidc_installed; then
    command -v npm >/dev/null 2>&1 || die "npm not found (need Node 20 + npm for oidc-provider)"
    log "installing oidc-provider (npm ci in tools/oidc)"
    run_quiet npm ci --prefix "$OIDC_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi

  flock -u 8
  exec 8<&-
}

# ---------------------------------------------------------------------------------------------
# helpers shared by up/down

# Absolute, symlink-free path: /proc/PID/cwd is compared against it.
resolve_dir() {
  local dir=$1 create=$2
  # The path ends up inside postgres -o options and shell-quoted env lines; keep it plain.
  [[ $dir =~ ^[A-Za-z0-9._/+@-]+$ ]] || die "DIR must not contain spaces or shell metacharacters: $dir"
  if [[ $create == yes ]]; then
    mkdir -p -- "$dir"
  elif [[ ! -d $dir ]]; then
    return 1
  fi
  dir=$(cd -- "$dir" && pwd -P)
  [[ $dir =~ ^[A-Za-z0-9._/+@-]+$ ]] || die "DIR must not contain spaces or shell metacharacters: $dir"
  printf '%s\n' "$dir"
}

check_port() {
  if [[ ! $2 =~ ^[1-9][0-9]{0,4}$ ]] || (($2 > 65535)); then
    die "$1 needs a port number (1-65535), got '$2'"
  fi
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the pid in PIDFILE if that process is alive, runs with cwd EXPECTED_CWD and its
# command line contains NEEDLE: proof it is this DIR's server and not a recycled pid.
owned_pid() {
  local pidfile=$1 expected_cwd=$2 needle=$3 pid cwd cmdline
  [[ -r $pidfile ]] || return 1
  pid=$(head -n 1 -- "$pidfile" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
  [[ $cwd == "$expected_cwd" ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$needle"* ]] || return 1
  printf '%s\n' "$pid"
}

# True while PID runs. A daemon's exited process may linger as a zombie until init reaps it
# (slowly, in some containers), so zombies count as gone.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # the fields after "(comm) "; the first is the state
  [[ ${stat:0:1} != Z ]]
}

# Sends SIGTERM and waits; SIGKILL after 5 s. Only ever called with an owned_pid result.
terminate() {
  local pid=$1 name=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
  log "$name (pid $pid) ignored SIGTERM for 5 s; killing"
  kill -KILL "$pid" 2>/dev/null || true
  # Wait for the port to be released before a restart tries to bind it again.
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
}

show_log_and_die() {
  local logfile=$1 msg=$2
  if [[ -f $logfile ]]; then
    printf -- '--- last lines of %s ---\n' "$logfile" >&2
    tail -n 30 -- "$logfile" >&2 || true
    printf -- '---\n' >&2
  fi
  die "$msg"
}

# Waits up to TIMEOUT s for CHECK (a command) to succeed; stops early if PID (when given) dies.
wait_until() {
  local pid=$1 deadline=$((SECONDS + TIMEOUT))
  shift
  until "$@" >/dev/null 2>&1; do
    if [[ -n $pid ]] && ! alive "$pid"; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# Each DIR is handled by one up/down at a time.
lock_dir() {
  exec 9>"$1/.services.lock"
  flock 9
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

PG_USER=""

# PostgreSQL refuses to run as root: pick (or create) an unprivileged owner for the cluster.
choose_pg_user() {
  local data=$1
  if ! is_root; then
    PG_USER=$(id -un)
  elif [[ -d $data ]]; then
    PG_USER=$(stat -c %U -- "$data") # keep the user that owns an existing cluster
  elif id -u postgres >/dev/null 2>&1; then
    PG_USER=postgres
  else
    if ! id -u tasklane >/dev/null 2>&1; then
      exec 8<"$SCRIPT_PATH" # concurrent ups must not race useradd
      flock 8
      if ! id -u tasklane >/dev/null 2>&1; then
        log "creating system user tasklane to run PostgreSQL"
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
          --shell /usr/sbin/nologin tasklane
      fi
      flock -u 8
      exec 8<&-
    fi
    PG_USER=tasklane
  fi
}

# Runs a PostgreSQL tool as the cluster owner, from a directory that user can enter.
as_pg() {
  if is_root; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

no_such_pid() { [[ ! -e /proc/$1 ]]; }

# For a lock file of a postmaster that is known not to run: a live pid was recycled by an
# unrelated process (after a reboot) and would block the start forever, so the file goes; a
# zombie pid (kill -9, slow-reaping init) also looks alive to postgres, so wait for it.
# Files with dead pids stay: postgres judges those itself (it checks for orphaned backends).
clear_recycled_lock() {
  local pid
  [[ -f $1 ]] || return 0
  pid=$(head -n 1 -- "$1" 2>/dev/null) || return 0
  pid=${pid//[[:space:]]/}
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if alive "$pid"; then
    log "removing $1: its pid $pid now belongs to another process"
    rm -f -- "$1"
  elif ! no_such_pid "$pid"; then
    log "waiting for exited postmaster $pid to be reaped"
    wait_until "" no_such_pid "$pid" || die "pid $pid in $1 stays a zombie; its parent does not reap it"
  fi
}

pg_owned_pid() { owned_pid "$1/pg/data/postmaster.pid" "$1/pg/data" postgres; }

pg_up() {
  local dir=$1 port=$2 fast=$3 pg_bin pg_dir=$1/pg data=$1/pg/data pid opts socket
  pg_bin=$(pg_bin_dir) || die "PostgreSQL 15 server binaries not found (set PG_BIN)"
  # Unix socket paths are limited to 107 bytes; postgres would fail with a vaguer message.
  socket=$pg_dir/.s.PGSQL.$port
  ((${#socket} <= 107)) || die "DIR is too long for a PostgreSQL socket path ($socket); use a shorter DIR"

  choose_pg_user "$data"
  mkdir -p -- "$pg_dir"
  if is_root; then
    chown "$PG_USER:" -- "$pg_dir"
    chmod 700 -- "$pg_dir"
    # mktemp -d makes 0700 dirs; the cluster owner must be able to pass through DIR.
    as_pg test -w "$pg_dir" 2>/dev/null || chmod go+x -- "$dir"
    as_pg test -w "$pg_dir" 2>/dev/null ||
      die "user $PG_USER cannot reach $pg_dir; make every parent directory traversable (chmod o+x) or use a DIR under /tmp"
  fi

  opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pg_dir -c max_connections=300"
  if [[ $fast == yes ]]; then
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi

  if [[ ! -f $data/PG_VERSION ]]; then
    log "postgres: initdb $data"
    rm -rf -- "$data" # a half-finished initdb leaves a dir initdb refuses to reuse
    local -a initdb_args=(-D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256
      --encoding=UTF8 --locale=C.UTF-8)
    [[ $fast == yes ]] && initdb_args+=(--no-sync)
    run_quiet as_pg "$pg_bin/initdb" "${initdb_args[@]}"
  fi

  if pid=$(pg_owned_pid "$dir"); then
    if [[ $(cat -- "$pg_dir/options" 2>/dev/null) == "$opts" ]] &&
      "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
      log "postgres: reusing pid $pid on port $port"
    else
      log "postgres: options changed; restarting pid $pid"
      as_pg "$pg_bin/pg_ctl" -D "$data" -m fast -w -t "$TIMEOUT" stop >/dev/null
      pid=""
    fi
  else
    pid=""
  fi

  if [[ -z $pid ]]; then
    local lockfile
    for lockfile in "$data/postmaster.pid" "$pg_dir"/.s.PGSQL.*.lock; do
      clear_recycled_lock "$lockfile"
    done
    port_open "$port" && die "port $port is already in use (postgres for $dir)"
    log "postgres: starting on 127.0.0.1:$port"
    printf '%s\n' "$opts" >"$pg_dir/options"
    # 9>&-: the daemon must not inherit (and so keep holding) the DIR lock.
    if ! as_pg "$pg_bin/pg_ctl" -D "$data" -l "$pg_dir/postgres.log" -o "$opts" \
      -w -t "$TIMEOUT" start >/dev/null 2>&1 9>&-; then
      show_log_and_die "$pg_dir/postgres.log" "postgres did not start on port $port"
    fi
  fi

  wait_until "" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 ||
    show_log_and_die "$pg_dir/postgres.log" "postgres is not accepting connections on port $port"

  # Bootstrap superuser over the unix socket (trust); the app uses TCP with a password.
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$port" -U postgres -d postgres >/dev/null <<'SQL'
SELECT 'CREATE ROLE tasklane' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tasklane')
\gexec
ALTER ROLE tasklane WITH LOGIN SUPERUSER PASSWORD 'tasklane';
SELECT 'CREATE DATABASE tasklane OWNER tasklane'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tasklane')
\gexec
SQL
}

pg_down() {
  local dir=$1 pg_bin data=$1/pg/data pid
  [[ -d $data ]] || return 0
  if ! pid=$(pg_owned_pid "$dir"); then
    return 0
  fi
  pg_bin=$(pg_bin_dir) || die "PostgreSQL 15 server binaries not found (set PG_BIN)"
  choose_pg_user "$data"
  log "postgres: stopping pid $pid"
  as_pg "$pg_bin/pg_ctl" -D "$data" -m fast -w -t "$TIMEOUT" stop >/dev/null
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL streaming replica (hot standby)

replica_owned_pid() { owned_pid "$1/pg-replica/data/postmaster.pid" "$1/pg-replica/data" postgres; }

# PostgreSQL 15's defaults (wal_level=replica, max_wal_senders=10) and initdb's pg_hba.conf
# ("host replication all 127.0.0.1/32") already allow streaming: only a role is missing, so a
# replica can join a running primary without restarting it.
replica_up() {
  local dir=$1 primary_port=$2 port=$3 fast=$4 pg_bin rep_dir=$1/pg-replica data=$1/pg-replica/data pid opts socket
  pg_bin=$(pg_bin_dir) || die "PostgreSQL 15 server binaries not found (set PG_BIN)"
  socket=$rep_dir/.s.PGSQL.$port
  ((${#socket} <= 107)) || die "DIR is too long for a PostgreSQL socket path ($socket); use a shorter DIR"
  choose_pg_user "$dir/pg/data"

  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/pg" -p "$primary_port" -U postgres -d postgres >/dev/null <<'SQL'
SELECT 'CREATE ROLE replicator' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'replicator')
\gexec
ALTER ROLE replicator WITH LOGIN REPLICATION PASSWORD 'replicator';
SQL

  mkdir -p -- "$rep_dir"
  if is_root; then
    chown "$PG_USER:" -- "$rep_dir"
    chmod 700 -- "$rep_dir"
  fi

  # A standby needs max_connections >= the primary's; hot_standby_feedback keeps long replica
  # reads (exports) from being cancelled by vacuum on the primary.
  opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$rep_dir -c max_connections=300 -c hot_standby=on -c hot_standby_feedback=on"
  [[ $fast == yes ]] && opts+=" -c fsync=off -c full_page_writes=off"

  # standby.signal is written last by pg_basebackup -R; without it the copy is half-finished.
  if [[ ! -f $data/standby.signal ]]; then
    log "postgres replica: pg_basebackup from port $primary_port into $data"
    rm -rf -- "$data"
    run_quiet as_pg env PGPASSWORD=replicator "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U replicator \
      -D "$data" -R -X stream -c fast --no-sync
  fi

  if pid=$(replica_owned_pid "$dir"); then
    if [[ $(cat -- "$rep_dir/options" 2>/dev/null) == "$opts" ]] &&
      "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
      log "postgres replica: reusing pid $pid on port $port"
      return 0
    fi
    log "postgres replica: options changed; restarting pid $pid"
    as_pg "$pg_bin/pg_ctl" -D "$data" -m fast -w -t "$TIMEOUT" stop >/dev/null
  fi

  clear_recycled_lock "$data/postmaster.pid"
  port_open "$port" && die "port $port is already in use (postgres replica for $dir)"
  log "postgres replica: starting on 127.0.0.1:$port"
  printf '%s\n' "$opts" >"$rep_dir/options"
  if ! as_pg "$pg_bin/pg_ctl" -D "$data" -l "$rep_dir/postgres.log" -o "$opts" \
    -w -t "$TIMEOUT" start >/dev/null 2>&1 9>&-; then
    show_log_and_die "$rep_dir/postgres.log" "postgres replica did not start on port $port"
  fi
  wait_until "" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 ||
    show_log_and_die "$rep_dir/postgres.log" "postgres replica is not accepting connections on port $port"
}

replica_down() {
  local dir=$1 pg_bin data=$1/pg-replica/data pid
  [[ -d $data ]] || return 0
  pid=$(replica_owned_pid "$dir") || return 0
  pg_bin=$(pg_bin_dir) || die "PostgreSQL 15 server binaries not found (set PG_BIN)"
  choose_pg_user "$dir/pg/data"
  log "postgres replica: stopping pid $pid"
  as_pg "$pg_bin/pg_ctl" -D "$data" -m fast -w -t "$TIMEOUT" stop >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Redis

redis_owned_pid() { owned_pid "$1/redis.pid" "$1" redis-server; }

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]; }

redis_up() {
  local dir=$1 port=$2 pid args
  local -a argv=(--bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir")
  args="${argv[*]}"

  if pid=$(redis_owned_pid "$dir"); then
    if [[ $(cat -- "$dir/redis.options" 2>/dev/null) == "$args" ]] && redis_ping "$port"; then
      log "redis: reusing pid $pid on port $port"
      return 0
    fi
    log "redis: options changed; restarting pid $pid"
    terminate "$pid" redis
  fi

  rm -f -- "$dir/redis.pid"
  port_open "$port" && die "port $port is already in use (redis for $dir)"
  log "redis: starting on 127.0.0.1:$port"
  printf '%s\n' "$args" >"$dir/redis.options"
  redis-server "${argv[@]}" >>"$dir/redis.log" 2>&1 9>&- ||
    show_log_and_die "$dir/redis.log" "redis-server failed to start on port $port"
  wait_until "" redis_ping "$port" ||
    show_log_and_die "$dir/redis.log" "redis did not answer PING on port $port"
}

redis_down() {
  local dir=$1 pid
  if pid=$(redis_owned_pid "$dir"); then
    log "redis: stopping pid $pid"
    terminate "$pid" redis # --save '' : nothing is written on shutdown
  fi
  rm -f -- "$dir/redis.pid"
}

# ---------------------------------------------------------------------------------------------
# s3rver

s3_owned_pid() { owned_pid "$1/s3rver.pid" "$1" s3rver; }

s3_answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }

s3_up() {
  local dir=$1 port=$2 pid
  if pid=$(s3_owned_pid "$dir"); then
    if [[ $(cat -- "$dir/s3rver.options" 2>/dev/null) == "$port" ]] && s3_answers "$port"; then
      log "s3rver: reusing pid $pid on port $port"
      return 0
    fi
    log "s3rver: options changed; restarting pid $pid"
    terminate "$pid" s3rver
  fi

  rm -f -- "$dir/s3rver.pid"
  port_open "$port" && die "port $port is already in use (s3rver for $dir)"
  mkdir -p -- "$dir/s3"
  log "s3rver: starting on 127.0.0.1:$port"
  printf '%s\n' "$port" >"$dir/s3rver.options"
  # Own session so terminal signals and the caller's process group do not reach it; cwd DIR
  # and the pid written by the shell that execs into node let owned_pid recognise it later.
  (
    cd -- "$dir"
    # shellcheck disable=SC2016 # $$ and "$@" expand in the inner shell
    setsid sh -c 'echo $$ >"$0"; exec nohup "$@"' "$dir/s3rver.pid" \
      "$S3RVER_BIN" -d "$dir/s3" -a 127.0.0.1 -p "$port" --silent \
      </dev/null >>"$dir/s3rver.log" 2>&1 9>&- &
  )
  # The pid file appears within milliseconds of the fork.
  wait_until "" test -s "$dir/s3rver.pid" ||
    show_log_and_die "$dir/s3rver.log" "s3rver did not start"
  pid=$(head -n 1 -- "$dir/s3rver.pid")
  wait_until "$pid" s3_answers "$port" ||
    show_log_and_die "$dir/s3rver.log" "s3rver did not answer HTTP on port $port"
}

s3_down() {
  local dir=$1 pid
  if pid=$(s3_owned_pid "$dir"); then
    log "s3rver: stopping pid $pid"
    terminate "$pid" s3rver
  fi
  rm -f -- "$dir/s3rver.pid"
}

# ---------------------------------------------------------------------------------------------
# maildev

mail_owned_pid() { owned_pid "$1/maildev.pid" "$1" maildev; }

mail_answers() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/api/healthz"; }

mail_up() {
  local dir=$1 smtp_port=$2 web_port=$3 pid
  if pid=$(mail_owned_pid "$dir"); then
    if [[ $(cat -- "$dir/maildev.options" 2>/dev/null) == "$smtp_port $web_port" ]] && mail_answers "$web_port"; then
      log "maildev: reusing pid $pid on ports $smtp_port (smtp) and $web_port (web)"
      return 0
    fi
    log "maildev: options changed; restarting pid $pid"
    terminate "$pid" maildev
  fi

  rm -f -- "$dir/maildev.pid"
  port_open "$smtp_port" && die "port $smtp_port is already in use (maildev smtp for $dir)"
  port_open "$web_port" && die "port $web_port is already in use (maildev web for $dir)"
  log "maildev: starting on 127.0.0.1:$smtp_port (smtp) and 127.0.0.1:$web_port (web)"
  printf '%s\n' "$smtp_port $web_port" >"$dir/maildev.options"
  # Started like s3rver (own session, cwd DIR, pid written before exec). Its .eml files go under DIR (the default,
  # /tmp/maildev, would be shared by every run on the machine).
  mkdir -p -- "$dir/mail"
  (
    cd -- "$dir"
    # shellcheck disable=SC2016 # $$ and "$@" expand in the inner shell
    setsid sh -c 'echo $$ >"$0"; exec nohup "$@"' "$dir/maildev.pid" \
      "$MAILDEV_BIN" --smtp "$smtp_port" --web "$web_port" --ip 127.0.0.1 --web-ip 127.0.0.1 \
      --mail-directory "$dir/mail" --silent \
      </dev/null >>"$dir/maildev.log" 2>&1 9>&- &
  )
  wait_until "" test -s "$dir/maildev.pid" ||
    show_log_and_die "$dir/maildev.log" "maildev did not start"
  pid=$(head -n 1 -- "$dir/maildev.pid")
  wait_until "$pid" mail_answers "$web_port" ||
    show_log_and_die "$dir/maildev.log" "maildev did not answer HTTP on port $web_port"
  wait_until "$pid" port_open "$smtp_port" ||
    show_log_and_die "$dir/maildev.log" "maildev did not accept SMTP on port $smtp_port"
}

mail_down() {
  local dir=$1 pid
  if pid=$(mail_owned_pid "$dir"); then
    log "maildev: stopping pid $pid"
    terminate "$pid" maildev
  fi
  rm -f -- "$dir/maildev.pid"
}

# ---------------------------------------------------------------------------------------------
# development OpenID provider (tools/oidc/server.js)

oidc_owned_pid() { owned_pid "$1/oidc.pid" "$1" server.js; }

oidc_answers() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/.well-known/openid-configuration"; }

oidc_up() {
  local dir=$1 port=$2 pid
  if pid=$(oidc_owned_pid "$dir"); then
    if [[ $(cat -- "$dir/oidc.options" 2>/dev/null) == "$port" ]] && oidc_answers "$port"; then
      log "oidc-provider: reusing pid $pid on port $port"
      return 0
    fi
    log "oidc-provider: options changed; restarting pid $pid"
    terminate "$pid" oidc-provider
  fi

  rm -f -- "$dir/oidc.pid"
  port_open "$port" && die "port $port is already in use (oidc-provider for $dir)"
  log "oidc-provider: starting on 127.0.0.1:$port"
  printf '%s\n' "$port" >"$dir/oidc.options"
  # Started like s3rver (own session, cwd DIR, pid written before exec). It keeps everything in memory: a restart
  # forgets provider sessions and makes new signing keys, which the hosts fetch again.
  (
    cd -- "$dir"
    # shellcheck disable=SC2016 # $$ and "$@" expand in the inner shell
    setsid sh -c 'echo $$ >"$0"; exec nohup "$@"' "$dir/oidc.pid" \
      node "$OIDC_DIR/server.js" --port "$port" \
      </dev/null >>"$dir/oidc.log" 2>&1 9>&- &
  )
  wait_until "" test -s "$dir/oidc.pid" ||
    show_log_and_die "$dir/oidc.log" "oidc-provider did not start"
  pid=$(head -n 1 -- "$dir/oidc.pid")
  wait_until "$pid" oidc_answers "$port" ||
    show_log_and_die "$dir/oidc.log" "oidc-provider did not answer HTTP on port $port"
}

oidc_down() {
  local dir=$1 pid
  if pid=$(oidc_owned_pid "$dir"); then
    log "oidc-provider: stopping pid $pid"
    terminate "$pid" oidc-provider
  fi
  rm -f -- "$dir/oidc.pid"
}

# ---------------------------------------------------------------------------------------------
# up / down

write_env() {
  local dir=$1 pg_port=$2 redis_port=$3 s3_port=$4 replica_port=$5 smtp_port=$6 mail_web_port=$7 oidc_port=$8 tmp
  tmp=$(mktemp "$dir/env.XXXXXX")
  # Single quotes: values contain ';'. A plain KEY=VALUE reader must strip them too.
  cat >"$tmp" <<EOF
export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Database=tasklane;Username=tasklane;Password=tasklane'
export ConnectionStrings__Redis='127.0.0.1:$redis_port'
export Storage__ServiceUrl='http://127.0.0.1:$s3_port'
export Storage__AccessKey='S3RVER'
export Storage__SecretKey='S3RVER'
export Mail__Host='127.0.0.1'
export Mail__Port='$smtp_port'
export Mail__Security='None'
export MailDev__Url='http://127.0.0.1:$mail_web_port'
# Where links in mails lead: the address ./run.sh serves by default (run.sh sets it to the address it serves).
export Mail__PublicBaseUrl='http://127.0.0.1:8080'
# The development OpenID provider (tools/oidc); not a Tasklane setting.
export OidcDev__Issuer='http://127.0.0.1:$oidc_port'
EOF
  if [[ -n $replica_port ]]; then
    echo "export ConnectionStrings__PostgresReplica='Host=127.0.0.1;Port=$replica_port;Database=tasklane;Username=tasklane;Password=tasklane'" >>"$tmp"
  fi
  chmod 644 -- "$tmp"
  mv -f -- "$tmp" "$dir/env" # atomic: concurrent readers never see half a file
}

cmd_up() {
  local dir="" pg_port=$DEFAULT_PG_PORT redis_port=$DEFAULT_REDIS_PORT s3_port=$DEFAULT_S3_PORT replica_port="" fast=no
  local smtp_port=$DEFAULT_SMTP_PORT mail_web_port=$DEFAULT_MAIL_WEB_PORT oidc_port=$DEFAULT_OIDC_PORT
  while (($# > 0)); do
    case $1 in
      --pg-port) (($# >= 2)) || usage; pg_port=$2; shift 2 ;;
      --redis-port) (($# >= 2)) || usage; redis_port=$2; shift 2 ;;
      --s3-port) (($# >= 2)) || usage; s3_port=$2; shift 2 ;;
      --replica-port) (($# >= 2)) || usage; replica_port=$2; shift 2 ;;
      --smtp-port) (($# >= 2)) || usage; smtp_port=$2; shift 2 ;;
      --mail-web-port) (($# >= 2)) || usage; mail_web_port=$2; shift 2 ;;
      --oidc-port) (($# >= 2)) || usage; oidc_port=$2; shift 2 ;;
      --fast) fast=yes; shift ;;
      -*) usage ;;
      *) [[ -z $dir ]] || usage; dir=$1; shift ;;
    esac
  done
  [[ -n $dir ]] || usage
  check_port --pg-port "$pg_port"
  check_port --redis-port "$redis_port"
  check_port --s3-port "$s3_port"
  [[ -z $replica_port ]] || check_port --replica-port "$replica_port"
  check_port --smtp-port "$smtp_port"
  check_port --mail-web-port "$mail_web_port"
  check_port --oidc-port "$oidc_port"

  cmd_install
  dir=$(resolve_dir "$dir" yes)
  lock_dir "$dir"

  pg_up "$dir" "$pg_port" "$fast"
  [[ -z $replica_port ]] || replica_up "$dir" "$pg_port" "$replica_port" "$fast"
  redis_up "$dir" "$redis_port"
  s3_up "$dir" "$s3_port"
  mail_up "$dir" "$smtp_port" "$mail_web_port"
  oidc_up "$dir" "$oidc_port"

  write_env "$dir" "$pg_port" "$redis_port" "$s3_port" "$replica_port" "$smtp_port" "$mail_web_port" "$oidc_port"
  printf '%s\n' "$dir/env"
}

cmd_down() {
  local dir replica_only=no
  (($# == 1)) || { (($# == 2)) && [[ $2 == --replica-only ]] && replica_only=yes; } || usage
  dir=$(resolve_dir "$1" no) || return 0 # nothing was ever started there
  lock_dir "$dir"
  if [[ $replica_only == yes ]]; then
    replica_down "$dir" # the rest keeps running; `up` with --replica-port starts it again
    return 0
  fi
  oidc_down "$dir"
  mail_down "$dir"
  s3_down "$dir"
  redis_down "$dir"
  replica_down "$dir"
  pg_down "$dir"
}

main() {
  (($# > 0)) || usage
  local cmd=$1
  shift
  case $cmd in
    install) (($# == 0)) || usage; cmd_install ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
