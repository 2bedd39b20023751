-- Tuning of the tables Wolverine builds, applied by `migrate` after Wolverine's own schema step.
--
-- On every poll, Wolverine's Postgres queue listener first deletes the queue rows already moved into the inbox:
-- `delete from <queue> where id in (select id from <inbox> where received_at = <queue address>)`. The inbox's own
-- indexes cover received_at only for orphaned rows, so without this each poll of each queue scanned the whole inbox.
create index if not exists tasklane_incoming_received_at on wolverine_worker.wolverine_incoming_envelopes (received_at);

-- Each message leaves three dead row versions in the inbox (inserted, marked handled, deleted) and one in its queue
-- table. At the default autovacuum threshold (20 % of the table) dead rows outnumbered live ones 100 to 1 under load,
-- and the planner, misled, scanned whole tables (docs/benchmarks.md). Vacuum and analyze these after every 1,000.
do $$
declare t record;
begin
  for t in select schemaname, tablename from pg_tables
           where (schemaname = 'wolverine_queues' and tablename like 'wolverine_queue_%')
              or (schemaname in ('wolverine_api', 'wolverine_worker') and tablename = 'wolverine_incoming_envelopes')
  loop
    execute format('alter table %I.%I set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000, autovacuum_vacuum_cost_delay = 0)',
                   t.schemaname, t.tablename);
  end loop;
end $$;
