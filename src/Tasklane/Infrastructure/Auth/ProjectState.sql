-- A project's workspace and whether it is archived (read-only) or deleted (invisible; only restore sees it).
select workspace_id, archived_at is not null as archived, deleted_at is not null as deleted from projects where id = @id
