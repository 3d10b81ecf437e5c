#!/usr/bin/env bash
# server.sh start|stop DIR PORT — a throwaway PostgreSQL cluster for `make bench`.
#
# Listens on 127.0.0.1:PORT only (its socket stays inside DIR), trust auth, durability off
# (fsync, synchronous_commit, full_page_writes) and no autovacuum or JIT, so that runs measure the
# client, not the disk or background noise. Creates the database `bench`. Runs the server as the OS
# user `postgres` when started as root (the server refuses root). `stop` stops it and deletes DIR.
set -euo pipefail

cmd=${1:?start|stop}
DIR=${2:?cluster directory}
PORT=${3:?port}
PGBIN=${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
[ -x "$PGBIN/pg_ctl" ] || PGBIN=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
start)
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  chmod 700 "$DIR"
  as_owner "$PGBIN/initdb" -D "$DIR" -U postgres -E UTF8 --locale=C --auth=trust >"$DIR.initdb.log" 2>&1 \
    || { cat "$DIR.initdb.log" >&2; exit 1; }
  rm -f "$DIR.initdb.log"
  as_owner tee -a "$DIR/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
jit = off
max_connections = 50
log_min_messages = warning
CONF
  as_owner "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$DIR/server.log" >&2; exit 1; }
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'create database bench' ;;
stop)
  if [ -f "$DIR/PG_VERSION" ]; then
    as_owner "$PGBIN/pg_ctl" -D "$DIR" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
    rm -rf -- "$DIR"
  fi ;;
*) echo "usage: server.sh start|stop DIR PORT" >&2; exit 2 ;;
esac
