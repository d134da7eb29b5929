#!/usr/bin/env bash
# Installs what the browser tests need besides Python packages: Debian's chromium (never `playwright install`,
# which downloads its own browser and fails on a closed network).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installiere chromium aus Debian …"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# The Nu Html Checker (npm vnu-jar) runs on Java.
if ! command -v java >/dev/null 2>&1; then
  echo "Installiere Java für den Nu Html Checker …"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
