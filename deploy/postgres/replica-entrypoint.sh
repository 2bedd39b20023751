#!/bin/sh
# The read replica: on first start, a base backup of the primary (pg_basebackup -R writes standby.signal and
# the connection to the primary), with a physical replication slot so the primary keeps the WAL the replica
# has not received yet; then a hot standby that streams from it.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  export PGPASSWORD="$REPLICATION_PASSWORD"
  until pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -C -S tasklane_replica -c fast; do
    echo "replica: waiting for the primary"
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_connections=300
