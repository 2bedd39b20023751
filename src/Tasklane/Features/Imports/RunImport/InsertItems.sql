-- The primary key (import, key) makes a row of the file one task at most: a key seen twice keeps its first task.
insert into import_items (import_id, source_key, task_id, parent_key)
select @ImportId, i.source_key, i.task_id, i.parent_key
from unnest(@Keys::text[], @TaskIds::uuid[], @ParentKeys::text[]) as i (source_key, task_id, parent_key)
on conflict do nothing
