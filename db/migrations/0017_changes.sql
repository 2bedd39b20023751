-- The change log behind the live event stream and the change feed (Features/Changes): one row per public event, written
-- by the transaction that made the change, so a change is in the log exactly when it happened.
--
-- A row's position is (the writing transaction's id, a sequence number) as 16 bytes, so uuid order is that order.
-- Positions are handed out in an order that differs from commit order, so readers never read past the lowest transaction
-- still running (change_log_visible_end): below it, no row can appear any more, and a reader that remembers the last
-- position it saw has missed nothing before it and will see everything after it.
create sequence change_sequence;

create function change_position() returns uuid language sql volatile as $$
    select (lpad(to_hex(pg_current_xact_id()::text::bigint), 16, '0') || lpad(to_hex(nextval('change_sequence')), 16, '0'))::uuid
$$;

-- The first position no reader may pass yet: every transaction below it has ended.
create function change_log_visible_end() returns uuid language sql stable as $$
    select (lpad(to_hex(pg_snapshot_xmin(pg_current_snapshot())::text::bigint), 16, '0') || '0000000000000000')::uuid
$$;

-- The first position no committed change can have: a cursor beyond it comes from another database (a restored backup).
create function change_log_future_start() returns uuid language sql stable as $$
    select (lpad(to_hex(pg_snapshot_xmax(pg_current_snapshot())::text::bigint), 16, '0') || '0000000000000000')::uuid
$$;

-- No foreign key to workspaces: it would take a lock on the workspace's row in every write; retention removes old rows.
create table changes (
    position     uuid primary key default change_position(),
    workspace_id uuid not null,
    type         text not null,
    event_id     uuid not null,
    actor_id     uuid not null,
    occurred_at  timestamptz not null,
    -- Who may see it besides what membership gives: only this user (a notification), only this role and above.
    user_id      uuid,
    min_role     smallint,
    data         jsonb not null
);
create index changes_workspace on changes (workspace_id, position);

-- Retention deletes the oldest changes; a reader whose cursor is below the highest position deleted may have missed one
-- and must resync.
create table change_log_horizon (purged_through uuid not null);
insert into change_log_horizon values ('00000000-0000-0000-0000-000000000000');
