-- Where @Id would sit under @ParentId: the parent's depth (0 for a top-level task), whether the parent is @Id or one of
-- its sub-tasks (a cycle), and how many levels of sub-tasks @Id has below it. Bounded walks: depth is capped by setting.
with recursive up (id, parent_id, depth) as (
    select id, parent_id, 0
    from tasks
    where id = @ParentId
    union all
    select t.id, t.parent_id, up.depth + 1
    from tasks t
    join up on t.id = up.parent_id
    where up.depth < 100
), down (id, height) as (
    select id, 0
    from tasks
    where id = @Id
    union all
    select t.id, down.height + 1
    from tasks t
    join down on t.parent_id = down.id
    where down.height < 100
)
select coalesce((select max(depth) from up), 0) as parent_depth,
       exists (select 1 from up where id = @Id) as cycle,
       coalesce((select max(height) from down), 0) as height
