-- sort=customField: the tasks with a value of @sortFieldId in value order, then those without (last in either
-- direction). A field keeps its values in one column (txt for text and dates, num for numbers and checkboxes), so one
-- of the two valued parts is always empty; each is a range of its index on (project_id, field_id, key, task_id), and
-- the outer limit stops at the first part that fills the page. The cursor holds the last task's id and whether it had
-- a value (@inUnvalued skips the valued parts); its key is read back from the value that task has now.
(select {columns}
 from task_field_values f
 join tasks t on t.id = f.task_id
 where f.project_id = @ProjectId and f.field_id = @sortFieldId and f.txt is not null and not @inUnvalued
 {filters}
   and (@afterId::uuid is null
        or (f.txt, f.task_id) {cmp} ((select a.txt from task_field_values a where a.task_id = @afterId and a.field_id = @sortFieldId), @afterId))
 order by f.txt {dir}, f.task_id {dir}
 limit @take)
union all
(select {columns}
 from task_field_values f
 join tasks t on t.id = f.task_id
 where f.project_id = @ProjectId and f.field_id = @sortFieldId and f.num is not null and not @inUnvalued
 {filters}
   and (@afterId::uuid is null
        or (f.num, f.task_id) {cmp} ((select a.num from task_field_values a where a.task_id = @afterId and a.field_id = @sortFieldId), @afterId))
 order by f.num {dir}, f.task_id {dir}
 limit @take)
union all
-- As sort=createdAt (ListTasksByCreatedAt.sql): the project as an array keeps the walk on (project_id, id).
(select {columns}
 from tasks t
 where t.project_id = any (array[@ProjectId])
   and not exists (select 1 from task_field_values a where a.task_id = t.id and a.field_id = @sortFieldId)
 {filters}
   and (@afterId::uuid is null or not @inUnvalued or t.id {cmp} @afterId)
 order by t.project_id {dir}, t.id {dir}
 limit @take)
limit @take
