-- Invitations to a workspace and personal API tokens. Both keep only a SHA-256 (hex) of their secret,
-- so a database dump reveals no usable token.

create table invitations (
    id               uuid primary key,
    workspace_id     uuid not null references workspaces (id) on delete cascade,
    email            text not null,
    email_normalized text not null,
    role             text not null check (role in ('owner', 'admin', 'member', 'viewer')),
    token_hash       text not null unique,
    invited_by       uuid not null references users (id) on delete cascade,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    -- Set once; an accepted invitation stays as a record of who joined through it.
    accepted_at      timestamptz,
    accepted_by      uuid references users (id) on delete set null
);
-- Keyset pages of a workspace's pending invitations.
create index invitations_workspace on invitations (workspace_id, id) where accepted_at is null;

create table api_tokens (
    id           uuid primary key,
    user_id      uuid not null references users (id) on delete cascade,
    name         text not null,
    token_hash   text not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    -- Revoked tokens are kept (not deleted) so the row still explains a 401 when investigating.
    revoked_at   timestamptz
);
create index api_tokens_user on api_tokens (user_id, id);
