-- Locked so two accepts of the same token cannot both succeed.
select i.id, i.workspace_id, i.email_normalized, i.role, i.expires_at, i.accepted_at,
       u.email_normalized as caller_email_normalized
from invitations i
join users u on u.id = @userId
where i.token_hash = @hash
for update of i
