-- Where the primary's WAL insertion is now: every transaction committed before this call ends at or below it.
select pg_current_wal_insert_lsn()::text
