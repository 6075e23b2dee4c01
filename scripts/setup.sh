#!/usr/bin/env bash
# Installs everything callhound needs on a fresh machine of this kind and builds it:
# Debian packages (Java, Maven, Chromium, heif-enc), npm dependencies from the lockfile,
# the local Neo4j launcher (Maven Central), the TypeScript build and the web bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
mvn -q -B -f neo4j/pom.xml package -DskipTests
npm run build --silent
echo "setup: done"
