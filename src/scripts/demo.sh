#!/usr/bin/env bash
# The README's first command: installs what is missing, builds target/tandem.jar and runs
# `tandem demo` — two tandem nodes in a network-namespace lab, a failover, and its journal.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash src/scripts/setup.sh
mvn -B -q -ntp package -DskipTests
exec src/scripts/tandem demo "$@"
