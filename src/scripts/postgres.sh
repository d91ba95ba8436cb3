#!/usr/bin/env bash
# A private PostgreSQL cluster for the fleet journal's tests: on 127.0.0.1 only, at a free port, in
# a directory of its own, run as user postgres, with a database "tandem" (trust authentication:
# nothing but loopback can reach it). Stopped by its own PID, never by name.
#   postgres.sh check        exit 0 when a cluster can be started here, else print why and exit 1
#   postgres.sh start [DIR]  start (a new DIR under /tmp when none; restart the cluster in DIR);
#                            prints "DIR PORT"
#   postgres.sh stop DIR     fast shutdown (SIGINT), SIGKILL after 20 s; the data stays for a restart
#   postgres.sh remove DIR   stop, then delete DIR
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

problem() {
  if [ "$(id -u)" -ne 0 ]; then echo "not root (the cluster runs as user postgres)"; return; fi
  if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then echo "PostgreSQL is not installed (src/scripts/setup.sh installs it)"; return; fi
  if ! id postgres >/dev/null 2>&1; then echo "there is no user postgres"; return; fi
  if ! command -v setpriv >/dev/null; then echo "setpriv (util-linux) is missing"; return; fi
}

as_postgres() {
  setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
}

# A process that is gone or a zombie waiting for PID 1 to reap it no longer holds the port or the data.
alive() {
  [ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}

free_port() {
  for _ in $(seq 1 50); do
    local port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "postgres.sh: no free port found" >&2
  exit 1
}

start() {
  local dir=${1:-}
  if [ -z "$dir" ]; then
    dir=$(mktemp -d /tmp/tnd-pg.XXXXXX)
  fi
  mkdir -p "$dir"
  chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  [ -f "$dir/port" ] || free_port >"$dir/port"
  local port
  port=$(cat "$dir/port")
  # setpriv straight from here (not through a function, which would run in a subshell) so that $!
  # is postgres's own PID.
  setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/postgres" -D "$dir/data" -p "$port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$dir" -c fsync=off </dev/null >>"$dir/postgres.log" 2>&1 &
  echo $! >"$dir/pid"
  local pid=$!
  for _ in $(seq 1 300); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'tandem'" \
          | grep -q 1; then
        "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE tandem" >/dev/null
      fi
      echo "$dir $port"
      return
    fi
    if ! alive "$pid"; then
      echo "postgres.sh: postgres exited at start:" >&2
      tail -n 20 "$dir/postgres.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "postgres.sh: postgres not ready after 30 s" >&2
  kill -KILL "$pid" 2>/dev/null || true
  exit 1
}

stop() {
  local dir=$1
  [ -f "$dir/pid" ] || return 0
  local pid
  pid=$(cat "$dir/pid")
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  check)
    reason=$(problem)
    if [ -n "$reason" ]; then echo "$reason"; exit 1; fi ;;
  start)
    reason=$(problem)
    if [ -n "$reason" ]; then echo "postgres.sh: $reason" >&2; exit 1; fi
    start "${2:-}" ;;
  stop) stop "${2:?stop needs the cluster directory}" ;;
  remove)
    stop "${2:?remove needs the cluster directory}"
    case "$2" in /tmp/tnd-pg.*) rm -rf "$2" ;; *) echo "postgres.sh: not removing $2 (not a tnd-pg directory)" >&2 ;; esac ;;
  *) echo "usage: postgres.sh check | start [DIR] | stop DIR | remove DIR" >&2; exit 2 ;;
esac
