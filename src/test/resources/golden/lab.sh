# Sourced by capture.sh and verdicts.sh: one keepalived node and a bridge, each in its own namespace.
#   tnd<suffix>-a   keepalived's node: eth0 = 192.0.2.11/24, MAC 02:00:00:00:00:11
#   tnd<suffix>-br  bridge br0 holding the veth's peer end; captures and injections happen here
# Nothing touches the root namespace; every process is stopped by its PID; the namespaces and the
# temp dir go on any exit (trap).
set -euo pipefail

SUFFIX=$(printf '%04x' $((RANDOM)))
NODE_NS="tnd${SUFFIX}-a"
BRIDGE_NS="tnd${SUFFIX}-br"
WORK=$(mktemp -d /tmp/tnd-golden.XXXXXX)
KEEPALIVED_PID=""
TCPDUMP_PID=""

stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do   # at most 5 s, then force
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

remove_lab() {
  stop_pid "$KEEPALIVED_PID"; KEEPALIVED_PID=""
  stop_pid "$TCPDUMP_PID"; TCPDUMP_PID=""
  ip netns del "$NODE_NS" 2>/dev/null || true
  ip netns del "$BRIDGE_NS" 2>/dev/null || true
}
trap 'remove_lab; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM   # route signals through the EXIT trap

build_lab() {
  ip netns add "$NODE_NS"
  ip netns add "$BRIDGE_NS"
  # Both ends are created inside the lab namespaces: the root namespace never sees the veth.
  ip -n "$NODE_NS" link add eth0 address 02:00:00:00:00:11 type veth peer name pa netns "$BRIDGE_NS"
  ip -n "$BRIDGE_NS" link add br0 type bridge
  ip -n "$BRIDGE_NS" link set pa master br0
  ip -n "$BRIDGE_NS" link set br0 up
  ip -n "$BRIDGE_NS" link set pa up
  ip -n "$NODE_NS" link set lo up
  ip -n "$NODE_NS" addr add 192.0.2.11/24 dev eth0
  ip -n "$NODE_NS" link set eth0 up
}

# start_keepalived CONF: -n keeps it in the foreground so that $! is keepalived's own PID; its pid
# files go to the temp dir, nothing under /run.
start_keepalived() {
  ip netns exec "$NODE_NS" keepalived -f "$1" -n -l -D -P \
    -p "$WORK/keepalived.pid" -r "$WORK/vrrp.pid" >"$WORK/keepalived.log" 2>&1 &
  KEEPALIVED_PID=$!
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s; fails with keepalived's log after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for: $*" >&2
      cat "$WORK/keepalived.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

keepalived --version 2>&1 | sed -n 1p
