-- "no key update" serialises membership changes without blocking inserts that reference the workspace.
select id from workspaces where id = @workspaceId for no key update
