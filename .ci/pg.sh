#!/bin/sh
# Start a throw-away PostgreSQL server on loopback for the sync tests and print the URL.
#
#   eval "$(.ci/pg.sh)"      # sets DESK_TEST_PG_URL
#
# Idempotent: installs PostgreSQL from Debian's packages only when it is missing, reuses a
# cluster that is already running, and (re)creates the role and database only when absent.
# The server runs as the `postgres` user (PostgreSQL refuses to run as root).
# Settings: DESK_PG_PORT (55432), DESK_PG_DIR (/tmp/desk-pg), DESK_PG_DB (desk_test).
#
#   sh .ci/pg.sh stop        # stops the server of DESK_PG_DIR, if it runs
set -eu

PORT="${DESK_PG_PORT:-55432}"
DIR="${DESK_PG_DIR:-/tmp/desk-pg}"
DB="${DESK_PG_DB:-desk_test}"
ROLE=desk
PASSWORD=desk
URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"

log() { echo "pg.sh: $*" >&2; }

bindir() {
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then sh -c "$1";
    elif [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1";
    else sudo -u postgres sh -c "$1"; fi
}

if [ "$(id -u)" -ne 0 ] && [ "$(id -un)" != postgres ]; then
    # An ordinary user can run its own server; no need for the postgres account.
    as_postgres() { sh -c "$1"; }
fi

if [ "${1:-}" = stop ]; then
    if BIN="$(bindir)" && [ -f "$DIR/data/PG_VERSION" ]; then
        as_postgres "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
    fi
    exit 0
fi

if ! BIN="$(bindir)"; then
    log "installing PostgreSQL from Debian's packages"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql >&2
    BIN="$(bindir)"
fi

mkdir -p "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; fi

if [ ! -f "$DIR/data/PG_VERSION" ]; then
    log "creating a cluster in $DIR/data"
    as_postgres "'$BIN/initdb' -D '$DIR/data' -U postgres -A trust --no-sync -E UTF8 >'$DIR/initdb.log' 2>&1"
fi

if ! as_postgres "'$BIN/pg_ctl' -D '$DIR/data' status" >/dev/null 2>&1; then
    log "starting the server on 127.0.0.1:$PORT"
    as_postgres "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -t 60 \
        -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR' -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off\" start" >&2
fi

psql_admin() {
    as_postgres "'$BIN/psql' -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PORT -U postgres -d postgres -tAc \"$1\""
}

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    psql_admin "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql_admin "CREATE DATABASE $DB OWNER $ROLE"
fi

echo "$URL" >"$DIR/url"
echo "export DESK_TEST_PG_URL='$URL'"
