#!/usr/bin/env bash
# `make soak` (bench/soak.py) starts a PostgreSQL cluster of its own (initdb and pg_ctl from
# /usr/lib/postgresql/<version>/bin) and a Redis of its own (redis-server): install Debian's
# packages when they are missing. As root the cluster runs as the `postgres` OS user, since
# PostgreSQL refuses to run as root; Debian's postgresql package creates that user.
# Without redis-server the soak runs, and says it skipped the Redis outage.
set -u
has_postgres() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || return 1
  [ "$(id -u)" != "0" ] || id postgres >/dev/null 2>&1
}
missing=()
has_postgres || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing ${missing[*]} for the soak (apt-get)..."
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! has_postgres; then
  echo "PostgreSQL's server binaries are missing: apt-get install postgresql" >&2
  exit 1
fi
command -v redis-server >/dev/null 2>&1 ||
  echo "redis-server is missing (apt-get install redis-server): the soak skips the Redis outage." >&2
exit 0
