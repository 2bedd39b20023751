and (@afterId::uuid is null or task_id {cmp} @afterId)
