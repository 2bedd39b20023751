-- How far a standby has replayed (null on a primary, which is never behind itself).
select pg_last_wal_replay_lsn()::text
