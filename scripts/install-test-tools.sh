#!/usr/bin/env bash
# Installs what the browser and HTML tests need besides Python and npm packages: Debian's chromium (never
# `playwright install`, which downloads its own browser and fails on a closed network), Java for the Nu Html Checker,
# pdftotext (poppler-utils) to read the Angebotsheft's PDF, LibreOffice's Calc without a desktop
# (libreoffice-calc-nogui, the smallest package with `soffice --headless --convert-to`) to open the Excel export as
# staff would, ffmpeg to make a tiny sign-language video for the player's test, and npm (with Node) for the npm test
# tools when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {  # apt_install COMMAND PACKAGE: install PACKAGE from Debian unless COMMAND is already there
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installiere $2 aus Debian …"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

apt_install chromium chromium
apt_install java default-jre-headless
apt_install npm npm
apt_install pdftotext poppler-utils
apt_install soffice libreoffice-calc-nogui
apt_install ffmpeg ffmpeg
