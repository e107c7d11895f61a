#!/bin/sh
# `make test`: the whole suite, PostgreSQL's tests included when the machine can run them.
#
#   sh .ci/test.sh PYTEST-ARGUMENTS...
#
# With DESK_TEST_PG_URL set (as .ci/run sets it), runs pytest as it is. Otherwise, when
# PostgreSQL's server binaries are installed (Debian's `postgresql` package), starts a
# throw-away server for this run with .ci/pg.sh, in its own directory and on a free port
# (so it never meets CI's server or another checkout's), and stops and removes it after.
# Without them the PostgreSQL tests skip, and pytest's last lines say how many and how to
# run them (tests/conftest.py).
set -eu
PYTHON="${PYTHON:-.venv/bin/python}"

pg_dir=
stop_pg() {
    if [ -n "$pg_dir" ]; then
        DESK_PG_DIR="$pg_dir" sh .ci/pg.sh stop || true
        rm -rf "$pg_dir"
    fi
}

if [ -z "${DESK_TEST_PG_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    # Under /tmp, not $TMPDIR: the server may run as the postgres user, who must reach it.
    pg_dir="$(mktemp -d /tmp/desk-pg-test.XXXXXX)"
    trap stop_pg EXIT
    trap 'exit 130' INT TERM
    port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    echo "test: a throw-away PostgreSQL server for this run in $pg_dir on 127.0.0.1:$port" >&2
    exports="$(DESK_PG_DIR="$pg_dir" DESK_PG_PORT="$port" sh .ci/pg.sh)"
    eval "$exports"
    export DESK_TEST_PG_URL
fi

status=0
QT_QPA_PLATFORM=offscreen "$PYTHON" -m pytest "$@" || status=$?
exit "$status"
