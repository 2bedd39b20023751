-- Labels the file names that the workspace lacks; one the workspace already has (by name, whatever the case) is kept.
insert into labels (id, workspace_id, name, color, version, created_by, created_at, updated_at)
select l.id, @WorkspaceId, l.name, l.color, 1, @CreatedBy, @Now, @Now
from unnest(@Ids::uuid[], @Names::text[], @Colors::text[]) as l (id, name, color)
on conflict do nothing
