-- The values go first, naming their tasks, whose version moves on so that their ETags and cached copies are stale; then
-- the field.
with removed as (
    delete from task_field_values where field_id = @fieldId returning task_id
), field as (
    delete from custom_fields where id = @fieldId
), stale as (
    update task_rows set version = version + 1 where id in (select task_id from removed)
)
select task_id from removed
