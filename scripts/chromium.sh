#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (Playwright drives it through ExecutablePath).
# Never `playwright install`: it downloads its own browsers, which this workplace cannot reach.
# Idempotent: with /usr/bin/chromium present it does nothing.
set -euo pipefail

log() { echo "[chromium] $*" >&2; }

if [ -x /usr/bin/chromium ] && command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  log "installing Chromium needs root (run as root or: apt-get install chromium)"
  exit 1
fi
log "apt-get update"
apt-get update -qq >/dev/null
log "apt-get install chromium"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
[ -x /usr/bin/chromium ] || { log "chromium not at /usr/bin/chromium after installing"; exit 1; }
log "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
