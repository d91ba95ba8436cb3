#!/usr/bin/env bash
# Installs what building, running and testing tandem need on Debian, as root: a JDK 17 and Maven,
# libpcap (pcap4j), iproute2 (namespaces, addresses), keepalived 2.2.7 (the interop peer), nginx
# (the demo's web server), tcpdump and tshark (captures, packet validation), ping and curl, nftables
# (the split-brain tests drop VRRP on the lab bridge), PostgreSQL (the fleet journal's tests start
# a private cluster with src/scripts/postgres.sh) and chromium (headless: checks that the audit's
# HTML report renders).
# Installs only what is missing; services that the packages would start are kept stopped.
set -euo pipefail

packages=(openjdk-17-jdk-headless maven libpcap0.8 iproute2 keepalived nginx-light tcpdump tshark iputils-ping curl procps nftables postgresql chromium)

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root (it installs packages; the lab needs network namespaces)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
# Keep keepalived and nginx from starting as host services when installed: tandem's lab runs its
# own instances inside network namespaces, and the host's port 80 is none of our business.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  own_policy=1
fi
trap '[ "$own_policy" -eq 1 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
