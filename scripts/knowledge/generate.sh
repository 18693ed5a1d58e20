#!/usr/bin/env bash
# Re-create the generated knowledge data (src/knowledge/generated/*.ts) from the real
# programs installed on this machine (Debian bookworm packages). Idempotent: running it
# twice on the same package versions writes the same files. Prints each program version.
#
#   bash scripts/knowledge/generate.sh            # all
#   bash scripts/knowledge/generate.sh redis nginx
#
# Needs (Debian): uwsgi-core uwsgi-plugin-python3 redis-server mariadb-server
# supervisor nginx gcc libc6-dev, and node >= 20. Install with --install (as root).
# Servers are started only on loopback/unix sockets in temporary directories and are
# stopped (by PID) before the script ends; nothing is enabled as a service.
set -euo pipefail
cd "$(dirname "$0")/../.."

PACKAGES=(uwsgi-core uwsgi-plugin-python3 redis-server mariadb-server supervisor nginx gcc libc6-dev)

if [ "${1:-}" = "--install" ]; then
  shift
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
fi

missing=()
for cmd in uwsgi redis-server redis-cli mariadbd mariadb-install-db supervisord nginx gcc node /usr/bin/python3; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "generate.sh: missing ${missing[*]}; install: apt-get install ${PACKAGES[*]} (or run with --install)" >&2
  exit 1
fi

echo "versions: uwsgi $(uwsgi --version), redis $(redis-server --version | awk '{print $3}' | sed 's/^v=//'), mariadbd $(mariadbd --version | awk '{print $3}'), supervisor $(supervisord --version), $(nginx -v 2>&1 | sed 's/^nginx version: //')"
exec node scripts/knowledge/generate.mjs "$@"
