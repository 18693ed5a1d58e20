#!/usr/bin/env bash
# Install what the graph tests (test/graph/) use beyond npm: Debian's chromium (the HTML
# report is rendered in it headless, driven by playwright-core with executablePath
# /usr/bin/chromium; playwright never downloads a browser) and graphviz (`dot -Tsvg` must
# accept the DOT output). Idempotent: does nothing (fast) when both are installed.
# Where apt-get is unavailable or we are not root it prints one line and exits 0 (the tests
# then skip, each with one line saying why).
set -euo pipefail

PACKAGES=(chromium graphviz fonts-dejavu-core)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "browser-setup: apt-get not available; the headless-browser and graphviz tests will be skipped"
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "browser-setup: not root, cannot install ${missing[*]}; the headless-browser and graphviz tests will be skipped"
  exit 0
fi

echo "browser-setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (up to 5 minutes) instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=300)
log=$(mktemp)
if ! { apt-get "${APT_OPTS[@]}" update -qq && apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "browser-setup: apt-get failed" >&2
  exit 1
fi
rm -f "$log"
echo "browser-setup: done"
