-- Two-factor authentication with TOTP (issue 18).

-- A user's authenticator: enrolled (enabled_at null) until a first code confirms it. The secret is sealed with AES-256-GCM
-- under the setting TwoFactor:SecretKey, bound to the user's id, so a dump of this table alone yields no secret.
-- last_used_step is the newest RFC 6238 time step accepted: a code is taken once, and none older than it.
create table two_factor (
    user_id        uuid primary key references users (id) on delete cascade,
    secret         text not null,
    created_at     timestamptz not null,
    enabled_at     timestamptz,
    last_used_step bigint
);

-- Single-use recovery codes of an enabled authenticator, as SHA-256 only; a code used is deleted.
create table two_factor_recovery_codes (
    user_id   uuid not null references users (id) on delete cascade,
    code_hash text not null,
    primary key (user_id, code_hash)
);

-- A workspace whose owner requires its members to have two-factor authentication enabled.
alter table workspaces add column require_two_factor boolean not null default false;
