#!/usr/bin/env bash
# testserver.sh — a throwaway PostgreSQL cluster for the test suite and benchmarks.
#
#   scripts/testserver.sh start DIR PORT   initdb (if needed) and start; prints a conninfo on stdout
#   scripts/testserver.sh stop DIR         fast shutdown (immediate if that hangs), then delete DIR
#
# The server refuses to run as root, so as root the cluster belongs to the `postgres` user (DIR's
# parent must be reachable by that user: /tmp is). It listens on 127.0.0.1 and on a Unix socket
# inside DIR; authentication is trust (loopback only); durability is off.
set -euo pipefail

pg_bindir() {
    local d
    for d in "${PGBIN:-}" "$(pg_config --bindir 2>/dev/null || true)" \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -rn); do
        [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    echo "testserver.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
    exit 1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: testserver.sh start|stop DIR [PORT]}
dir=${2:?cluster directory required}
port=${3:-54400}
bin=$(pg_bindir)

case "$cmd" in
start)
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
        chmod 700 "$dir"
        log=$(mktemp)
        as_owner "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
            --auth-local=trust --auth-host=trust >"$log" 2>&1 \
            || { cat "$log" >&2; rm -f "$log"; exit 1; }
        rm -f "$log"
        as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -20 "$dir/server.log" >&2; exit 1; }
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres"
    ;;
stop)
    # Delete only what is a cluster (or an empty directory): DIR comes from the command line.
    if [ -f "$dir/PG_VERSION" ]; then
        if [ -f "$dir/postmaster.pid" ]; then
            as_owner "$bin/pg_ctl" -D "$dir" -m fast -w -t 10 stop >/dev/null 2>&1 \
                || as_owner "$bin/pg_ctl" -D "$dir" -m immediate -w -t 10 stop >/dev/null 2>&1 \
                || true
        fi
        rm -rf -- "$dir"
    elif [ -d "$dir" ]; then
        rmdir -- "$dir" 2>/dev/null || true
    fi
    ;;
*)
    echo "usage: testserver.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
