-- The invitation a mail announces, while the mailed token is still its token (not renewed) and it can be accepted.
select i.email, w.name as workspace_name, u.display_name as inviter_name, i.expires_at
from invitations i
join workspaces w on w.id = i.workspace_id
join users u on u.id = i.invited_by
where i.id = @SubjectId and i.token_hash = @TokenHash and i.accepted_at is null and i.expires_at > @Now
