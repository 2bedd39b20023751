-- Present only when the filter is set (see AssigneeFilter.sql).
  and exists (select 1 from task_labels l where l.task_id = t.id and l.label_id = @labelId {idBound})
