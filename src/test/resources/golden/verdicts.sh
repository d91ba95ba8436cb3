#!/usr/bin/env bash
# Asks real keepalived (2.2.7) for its verdict on frames tandem built (verdict-frames.txt: name, hex),
# for KeepalivedVerdictsTest. Run as root:  sudo src/test/resources/golden/verdicts.sh
# keepalived runs v2-vrid51.conf and becomes Master; each frame (priority 200, from 192.0.2.12) is
# injected on the bridge with python3's AF_PACKET socket, and the first line keepalived logs about it
# is recorded in verdicts.txt. Every frame but the last must be discarded, so keepalived stays Master
# until the last, valid one.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lab.sh"

new_instance_line() {   # new_instance_line FROM_LINE: keepalived's first VI_1 line after FROM_LINE
  tail -n +"$(($1 + 1))" "$WORK/keepalived.log" | grep '(VI_1)' | grep -v -i 'gratuitous' | sed -n 1p
}

has_new_line() {
  [ -n "$(new_instance_line "$1")" ]
}

build_lab
start_keepalived "$HERE/v2-vrid51.conf"
wait_for 15 grep -q 'Entering MASTER STATE' "$WORK/keepalived.log"
sleep 0.2   # past the takeover's own log lines
: >"$WORK/verdicts.txt"
grep -v '^#' "$HERE/verdict-frames.txt" | while read -r name hex; do
  before=$(wc -l <"$WORK/keepalived.log")
  ip netns exec "$BRIDGE_NS" python3 -c 'import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("br0", 0))
s.send(bytes.fromhex(sys.argv[1]))' "$hex"
  wait_for 5 has_new_line "$before"
  # drop the timestamp and the instance prefix: "Sun Nov 22 21:37:23 2026: (VI_1) "
  printf '%s\t%s\n' "$name" "$(new_instance_line "$before" | sed 's/^.*: (VI_1) //')" >>"$WORK/verdicts.txt"
done
cp "$WORK/verdicts.txt" "$HERE/verdicts.txt"
cp "$WORK/keepalived.log" "$HERE/verdicts.keepalived-log.txt"
cat "$HERE/verdicts.txt"
