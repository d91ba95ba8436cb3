#!/usr/bin/env bash
# Regenerates the golden captures of real keepalived (2.2.7 on Debian 12) used by GoldenKeepalivedTest.
# Run as root from anywhere:  sudo src/test/resources/golden/capture.sh
#
# For each configuration it builds a private lab, never touching the root namespace:
#   tnd<suffix>-a   keepalived's node: eth0 = 192.0.2.11/24, MAC 02:00:00:00:00:11
#   tnd<suffix>-br  bridge br0 with the peer end of the veth; tcpdump listens on br0
# keepalived becomes Master after Master_Down_Interval, sends its gratuitous ARPs and adverts; once
# enough of both are captured it is stopped by its PID (its priority-0 advert is captured too).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SUFFIX=$(printf '%04x' $((RANDOM)))
NODE_NS="tnd${SUFFIX}-a"
BRIDGE_NS="tnd${SUFFIX}-br"
WORK=$(mktemp -d /tmp/tnd-golden.XXXXXX)
NODE_MAC=02:00:00:00:00:11
NODE_ADDRESS=192.0.2.11/24

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

cleanup() {
  stop_pid "$KEEPALIVED_PID"; KEEPALIVED_PID=""
  stop_pid "$TCPDUMP_PID"; TCPDUMP_PID=""
  ip netns del "$NODE_NS" 2>/dev/null || true
  ip netns del "$BRIDGE_NS" 2>/dev/null || true
}
trap 'cleanup; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM   # route signals through the EXIT trap

build_lab() {
  ip netns add "$NODE_NS"
  ip netns add "$BRIDGE_NS"
  # Both ends are created inside the lab namespaces: the root namespace never sees the veth.
  ip -n "$NODE_NS" link add eth0 address "$NODE_MAC" type veth peer name pa netns "$BRIDGE_NS"
  ip -n "$BRIDGE_NS" link add br0 type bridge
  ip -n "$BRIDGE_NS" link set pa master br0
  ip -n "$BRIDGE_NS" link set br0 up
  ip -n "$BRIDGE_NS" link set pa up
  ip -n "$NODE_NS" link set lo up
  ip -n "$NODE_NS" addr add "$NODE_ADDRESS" dev eth0
  ip -n "$NODE_NS" link set eth0 up
}

count() {   # frames in a capture matching a filter
  tcpdump -r "$1" "$2" 2>/dev/null | wc -l
}

# capture CONF OUT MIN_ADVERTS
capture() {
  local conf=$1 out=$2 min_adverts=$3
  local pcap="$WORK/$(basename "$out")"
  build_lab

  ip netns exec "$BRIDGE_NS" tcpdump -i br0 -U -Z root -w "$pcap" 'ip proto 112 or arp' 2>"$WORK/tcpdump.log" &
  TCPDUMP_PID=$!
  for _ in $(seq 50); do   # until tcpdump listens, at most 5 s
    grep -q 'listening on' "$WORK/tcpdump.log" && break
    sleep 0.1
  done

  # -n: stay in the foreground so that $! is keepalived's own PID; own pid files, nothing under /run.
  ip netns exec "$NODE_NS" keepalived -f "$conf" -n -l -D -P \
    -p "$WORK/keepalived.pid" -r "$WORK/vrrp.pid" >"$WORK/keepalived.log" 2>&1 &
  KEEPALIVED_PID=$!

  local deadline=$((SECONDS + 30))
  until [ "$(count "$pcap" 'ip proto 112')" -ge "$min_adverts" ] && [ "$(count "$pcap" arp)" -ge 5 ]; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for keepalived's adverts and gratuitous ARPs ($conf)" >&2
      cat "$WORK/keepalived.log" >&2
      exit 1
    fi
    sleep 0.2
  done

  stop_pid "$KEEPALIVED_PID"; KEEPALIVED_PID=""
  sleep 0.5   # let tcpdump write the priority-0 advert keepalived sends on its way out
  stop_pid "$TCPDUMP_PID"; TCPDUMP_PID=""
  cp "$pcap" "$out"
  cp "$WORK/keepalived.log" "${out%.pcap}.keepalived-log.txt"
  ip netns del "$NODE_NS"
  ip netns del "$BRIDGE_NS"
  echo "$out: $(count "$out" 'ip proto 112') adverts, $(count "$out" arp) ARPs"
}

keepalived --version 2>&1 | sed -n 1p
capture "$HERE/v2-vrid51.conf" "$HERE/v2-vrid51.pcap" 4
capture "$HERE/v3-vrid52.conf" "$HERE/v3-vrid52.pcap" 10
