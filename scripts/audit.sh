#!/usr/bin/env bash
# npm audit of the runtime dependencies at level high. A registry that does not offer the audit endpoint
# (some mirrors answer 405) is reported as such instead of passing silently or failing the build; any
# advisory at level high or above fails.
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high 2>&1)
status=$?
echo "$out" | tail -n 20
if [ $status -ne 0 ] && echo "$out" | grep -q 'audit endpoint returned an error'; then
  echo "audit: the registry offers no audit endpoint here; advisories were NOT checked (run npm run audit where registry.npmjs.org answers)"
  exit 0
fi
exit $status
