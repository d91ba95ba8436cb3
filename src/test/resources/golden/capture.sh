#!/usr/bin/env bash
# Regenerates the golden captures of real keepalived (2.2.7 on Debian 12) used by GoldenKeepalivedTest.
# Run as root from anywhere:  sudo src/test/resources/golden/capture.sh
# For each configuration keepalived becomes Master after Master_Down_Interval, sends its gratuitous
# ARPs and adverts, captured by tcpdump on the bridge; once enough of both are in, keepalived is
# stopped by its PID (its priority-0 advert is captured too).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lab.sh"

count() {   # frames in a capture matching a filter
  tcpdump -r "$1" "$2" 2>/dev/null | wc -l
}

enough() {   # enough() PCAP MIN_ADVERTS
  [ "$(count "$1" 'ip proto 112')" -ge "$2" ] && [ "$(count "$1" arp)" -ge 5 ]
}

# capture CONF OUT MIN_ADVERTS
capture() {
  local conf=$1 out=$2 min_adverts=$3
  local pcap="$WORK/$(basename "$out")"
  build_lab
  ip netns exec "$BRIDGE_NS" tcpdump -i br0 -U -Z root -w "$pcap" 'ip proto 112 or arp' 2>"$WORK/tcpdump.log" &
  TCPDUMP_PID=$!
  wait_for 5 grep -q 'listening on' "$WORK/tcpdump.log"
  start_keepalived "$conf"
  wait_for 30 enough "$pcap" "$min_adverts"
  stop_pid "$KEEPALIVED_PID"; KEEPALIVED_PID=""
  sleep 0.5   # let tcpdump write the priority-0 advert keepalived sends on its way out
  stop_pid "$TCPDUMP_PID"; TCPDUMP_PID=""
  cp "$pcap" "$out"
  cp "$WORK/keepalived.log" "${out%.pcap}.keepalived-log.txt"
  remove_lab
  echo "$out: $(count "$out" 'ip proto 112') adverts, $(count "$out" arp) ARPs"
}

capture "$HERE/v2-vrid51.conf" "$HERE/v2-vrid51.pcap" 4
capture "$HERE/v3-vrid52.conf" "$HERE/v3-vrid52.pcap" 10
