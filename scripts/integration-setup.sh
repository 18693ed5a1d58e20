#!/usr/bin/env bash
# Install the real servers the integration tests (test/integration/*.int.test.ts) run:
# nginx, uWSGI + python3 plugin, redis, MariaDB, supervisor, ShellCheck, python3.
# Idempotent: does nothing (fast) when everything is installed. Leaves no service running.
# Where apt-get is unavailable it prints one line and exits 0 (the tests then skip).
set -euo pipefail

# real servers for test/integration, plus what test/graph (chromium, graphviz) and the pre-commit test use
PACKAGES=(nginx uwsgi uwsgi-plugin-python3 redis-server mariadb-server supervisor shellcheck python3 chromium graphviz fonts-dejavu-core pre-commit)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "integration-setup: apt-get not available; real-server integration tests will be skipped"
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
  echo "integration-setup: not root, cannot install ${missing[*]}; real-server integration tests will be skipped"
  exit 0
fi

echo "integration-setup: installing ${missing[*]}"

# Keep Debian's maintainer scripts from starting the services (invoke-rc.d honours policy-rc.d).
policy=/usr/sbin/policy-rc.d
policy_backup=""
if [ -e "$policy" ]; then
  policy_backup=$(mktemp)
  cp -p "$policy" "$policy_backup"
fi
restore_policy() {
  if [ -n "$policy_backup" ]; then
    mv -f "$policy_backup" "$policy"
  else
    rm -f "$policy"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' >"$policy"
chmod 755 "$policy"

export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (up to 5 minutes) instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=300)
log=$(mktemp)
if ! { apt-get "${APT_OPTS[@]}" update -qq && apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "integration-setup: apt-get failed" >&2
  exit 1
fi
rm -f "$log"

# Belt and braces: stop whatever a postinst of a package installed just now started anyway
# (policy-rc.d is advisory), by pid file first, then through the init script. Services of
# packages that were already installed are left alone.
stop_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file" 2>/dev/null || true)
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
for pkg in "${missing[@]}"; do
  case "$pkg" in
    nginx) pidfile=/run/nginx.pid service=nginx ;;
    redis-server) pidfile=/run/redis/redis-server.pid service=redis-server ;;
    mariadb-server) pidfile=/run/mysqld/mysqld.pid service=mariadb ;;
    supervisor) pidfile=/run/supervisord.pid service=supervisor ;;
    uwsgi) pidfile=/run/uwsgi/uwsgi.pid service=uwsgi ;;
    *) continue ;;
  esac
  stop_pidfile "$pidfile"
  if command -v service >/dev/null 2>&1; then
    service "$service" stop >/dev/null 2>&1 || true
  fi
done

# Nothing may listen on the standard ports afterwards.
if command -v ss >/dev/null 2>&1; then
  busy=$(ss -Hltn 2>/dev/null | awk '{print $4}' | grep -E ':(80|3306|6379)$' || true)
  if [ -n "$busy" ]; then
    echo "integration-setup: warning: still listening after install: $busy" >&2
  fi
fi
echo "integration-setup: done"
