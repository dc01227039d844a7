#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a downloaded browser). Installs it, and a CJK
# font for readable screenshots, when missing and we may (root with apt-get, as on CI).
set -euo pipefail
chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$chromium_bin" ] || need+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk' || need+=(fonts-wqy-zenhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} (Debian packages) for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif [ ! -x "$chromium_bin" ]; then
  echo "Chromium is needed for the browser tests: sudo apt-get install chromium fonts-wqy-zenhei (or set CHROMIUM_PATH)" >&2
  exit 1
fi
