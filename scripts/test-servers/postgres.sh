#!/usr/bin/env bash
# The Postgres tests (tests/helpers/postgres-server.ts) and `npm run bench`
# start their own PostgreSQL server, on a loopback port with a temporary data
# folder: its binaries must be installed. Does nothing when they are; as root
# on Debian installs them with apt-get; otherwise prints the one command to
# run and exits 1. Idempotent; starts nothing itself.
set -euo pipefail

# Where Debian puts each major version's server (not on PATH); elsewhere pg_config says.
LIB_DIR="${SUBLOC_POSTGRES_LIB_DIR:-/usr/lib/postgresql}"

installed() {
  compgen -G "$LIB_DIR/*/bin/postgres" >/dev/null && return 0
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]
}

installed && exit 0

if [ -f /etc/debian_version ] && [ "$EUID" = 0 ]; then
  echo "test servers: installing PostgreSQL for the tests (apt-get install postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2; }
  installed && exit 0
  echo "test servers: apt-get installed postgresql but no server binary is in $LIB_DIR/*/bin; install PostgreSQL 13 or newer (with pg_trgm) by hand" >&2
  exit 1
fi

if [ -f /etc/debian_version ]; then
  command='sudo apt-get install -y --no-install-recommends postgresql'
else
  command="install PostgreSQL 13 or newer with its contrib modules (pg_trgm) with this system's package manager, so that pg_config is on PATH"
fi
echo "test servers: the tests start their own PostgreSQL server, which is not installed; run" >&2
echo "  $command" >&2
echo "then run the tests again" >&2
exit 1
