#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the ledger's tests (a ctest fixture).
#   pgcluster.sh start DIR     initdb + pg_ctl on a free port of 127.0.0.1, password login;
#                              writes DIR/url (postgresql://smh@127.0.0.1:PORT/postgres) and
#                              DIR/pgpass (libpq's password file, mode 0600)
#   pgcluster.sh restart DIR   stops and starts the same cluster (a database restart mid-run)
#   pgcluster.sh halt DIR      stops the server, keeping the cluster (the database gone mid-run)
#   pgcluster.sh resume DIR    starts it again after halt
#   pgcluster.sh stop DIR      stops it and removes its files
# Without a server installed, start writes no url (the tests skip) unless
# SMH_REQUIRE_POSTGRES=1 says they must run (CI): then it fails.
# initdb refuses to run as root: as root the server runs as the postgres user
# the Debian package creates, and the tests connect over TCP with a password.
set -euo pipefail
action=${1:?start|restart|stop}
dir=${2:?folder}

as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_server() {
    local bin data port
    bin=$(cat "$dir/bin")
    data=$(cat "$dir/data")
    port=$(cat "$dir/port")
    as_server "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >/dev/null
}

case $action in
start)
    "$0" stop "$dir" 2>/dev/null || true
    mkdir -p "$dir"
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $bin || ! -x $bin/initdb ]]; then
        if [[ ${SMH_REQUIRE_POSTGRES:-0} == 1 ]]; then
            echo "pgcluster: no PostgreSQL server installed (/usr/lib/postgresql/*/bin)" >&2
            exit 1
        fi
        echo "pgcluster: no PostgreSQL server installed; the PostgreSQL tests skip"
        exit 0
    fi
    data=$(mktemp -d /tmp/smh-pgtest.XXXXXX)
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$password" >"$data/pwfile"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$data"
    fi
    chmod 700 "$data"
    as_server "$bin/initdb" -D "$data/cluster" -U smh --pwfile="$data/pwfile" \
        -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$data/pwfile"
    printf '%s\n' "$bin" >"$dir/bin"
    printf '%s\n' "$data/cluster" >"$dir/data"
    # A free port: the first of a few random ones the server could bind.
    for _ in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        printf '%s\n' "$port" >"$dir/port"
        if start_server; then
            umask 077
            printf '127.0.0.1:%s:*:smh:%s\n' "$port" "$password" >"$dir/pgpass"
            printf 'postgresql://smh@127.0.0.1:%s/postgres\n' "$port" >"$dir/url"
            echo "pgcluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
            exit 0
        fi
    done
    echo "pgcluster: the server did not start; its log:" >&2
    cat "$data/cluster/server.log" >&2 || true
    exit 1
    ;;
restart)
    [[ -f $dir/data ]] || exit 1
    as_server "$(cat "$dir/bin")/pg_ctl" -D "$(cat "$dir/data")" -m fast -w -t 30 stop >/dev/null
    start_server
    ;;
halt)
    [[ -f $dir/data ]] || exit 1
    as_server "$(cat "$dir/bin")/pg_ctl" -D "$(cat "$dir/data")" -m fast -w -t 30 stop >/dev/null
    ;;
resume)
    [[ -f $dir/data ]] || exit 1
    start_server
    ;;
stop)
    if [[ -f $dir/data ]]; then
        data=$(cat "$dir/data")
        as_server "$(cat "$dir/bin")/pg_ctl" -D "$data" -m immediate -w -t 30 stop \
            >/dev/null 2>&1 || true
        rm -rf "$(dirname "$data")"
    fi
    rm -f "$dir/bin" "$dir/data" "$dir/port" "$dir/url" "$dir/pgpass"
    ;;
*)
    echo "usage: pgcluster.sh start|restart|halt|resume|stop DIR" >&2
    exit 2
    ;;
esac
