-- Adds the member or sets their role; the caller has locked the workspace and checked that they are not its owner.
insert into workspace_members (workspace_id, user_id, role, joined_at)
values (@WorkspaceId, @UserId, @Role, @Now)
on conflict (workspace_id, user_id) do update set role = excluded.role
