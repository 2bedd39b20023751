-- Scoped API tokens (issue 18): a token may be read-only, and/or limited to some of its owner's workspaces (null: all).
alter table api_tokens
    add column read_only     boolean not null default false,
    add column workspace_ids uuid[];
