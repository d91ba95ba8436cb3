#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test — unit, actor (manual
# time) and network tests (real packets in namespaces the tests create and remove) — with `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash src/scripts/setup.sh
exec mvn -B -ntp verify "$@"
