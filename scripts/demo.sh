#!/usr/bin/env bash
# The README's first command: install, build, then run callhound on its embedded default
# (local Neo4j, generated sample corpus, workspace).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node bin/callhound.js demo "$@"
