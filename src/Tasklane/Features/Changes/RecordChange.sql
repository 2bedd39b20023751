-- One public event into the change log, by the transaction that made the change (its position is set by the table), and
-- a wake-up for the API hosts' readers, which Postgres sends once per transaction and only if it commits.
with recorded as (
    insert into changes (workspace_id, type, event_id, actor_id, occurred_at, user_id, min_role, data)
    values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
    returning 1)
select pg_notify('tasklane_changes', '') from recorded
