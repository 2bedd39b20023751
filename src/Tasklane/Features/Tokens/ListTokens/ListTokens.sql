-- Revoked tokens are gone for the user; expired ones stay listed (with expiresAt) until revoked.
select id, name, created_at, expires_at, last_used_at, read_only, workspace_ids
from api_tokens
where user_id = @userId and revoked_at is null and (@after::uuid is null or id > @after)
order by id
limit @take
