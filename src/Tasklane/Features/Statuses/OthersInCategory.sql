select count(*)::int from project_statuses where project_id = @ProjectId and category = @Category and id <> @Id
