with workspace as (
    insert into workspaces (id, name, created_by, created_at)
    values (@Id, @Name, @UserId, @CreatedAt)
    returning id
)
insert into workspace_members (workspace_id, user_id, role, joined_at)
select id, @UserId, 'owner', @CreatedAt from workspace
