#!/usr/bin/env bash
# Installs what callhound needs from Debian's packages on a fresh machine of this kind (run as root):
#   Java 17+ and Maven (the local Neo4j), Chromium (browser tests, bench:ui), heif-enc (HEIC images in the
#   synthetic corpus). Only what is missing is installed, so a second run costs nothing.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v heif-enc >/dev/null 2>&1 || need+=(libheif-examples)
if [ "${CALLHOUND_WITH_COMPOSE_CHECK:-0}" = 1 ] && ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  need+=(docker-compose)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to apt-get install: ${need[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "system packages: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
