-- Values that name an option no longer in @kept lose it: a single choice goes, a multiple choice keeps its other options
-- (in their order) or goes with its last. Returns the tasks whose value changed; their version moves on so that their
-- ETags and cached copies are stale.
with dropped as (
    delete from task_field_values v
    where v.field_id = @fieldId
      and (v.ref <> all (@kept) or (v.refs is not null and not v.refs && @kept))
    returning v.task_id
), trimmed as (
    update task_field_values v
    set refs = k.refs, value = to_jsonb(k.refs)
    from (select t.task_id,
                 array(select r from unnest(t.refs) with ordinality u (r, n) where r = any (@kept) order by n) as refs
          from task_field_values t
          where t.field_id = @fieldId and t.refs && @kept and not t.refs <@ @kept) k
    where v.task_id = k.task_id and v.field_id = @fieldId
    returning v.task_id
), changed as (
    select task_id from dropped
    union all
    select task_id from trimmed
), stale as (
    update task_rows set version = version + 1 where id in (select task_id from changed)
)
select task_id from changed
