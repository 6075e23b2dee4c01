#!/usr/bin/env bash
# npm audit of the runtime dependencies: fails on any high or critical advisory. A registry that cannot answer
# the advisory query (this project's mirror answers 405) is reported as "NOT CHECKED" — never as a pass; set
# CALLHOUND_SUPPLY_CHAIN_STRICT=1 to fail the build in that case too. The decision is
# scripts/supply-chain/audit.ts (tested with recorded reports in test/supply-chain/).
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx --no-install tsx scripts/supply-chain/audit.ts "$@"
