-- Whether @From blocks @To would close a cycle: @From is already reachable from @To along "blocks" (trashed tasks
-- included, since a restore brings their relations back). UNION stops at tasks already seen.
with recursive reachable (id) as (
    select @To::uuid
    union
    select r.to_task_id
    from reachable
    join task_relations r on r.from_task_id = reachable.id and r.kind = 'blocks'
)
select exists (select 1 from reachable where id = @From)
