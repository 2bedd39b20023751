-- Outgoing mail (issue 18): password reset, email verification, invitation mails.

-- When the user proved they read mail at their address (a verification link, or a password reset by mail).
alter table users add column email_verified_at timestamptz;

-- Single-use tokens mailed to a user. Only the SHA-256 of a token is stored; the raw token exists only in the mail
-- (and, until it is sent, in the mail queue's message).
create table user_tokens (
    token_hash text primary key,
    user_id    uuid not null references users (id) on delete cascade,
    purpose    text not null check (purpose in ('password_reset', 'email_verification')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index user_tokens_user on user_tokens (user_id, purpose);
-- The retention purge deletes tokens by when they expired.
create index user_tokens_expires on user_tokens (expires_at);

-- One row per mail, keyed by the mail's id (the queue message carries it): the sender claims the row before it
-- talks SMTP and marks it sent after, so a message handled twice sends once. A claim older than the takeover time
-- (a worker that died mid-send) may be taken by another attempt.
create table mail_deliveries (
    id         uuid primary key,
    kind       text not null,
    status     text not null check (status in ('sending', 'pending', 'sent', 'skipped')),
    attempts   int not null default 0,
    claimed_at timestamptz,
    created_at timestamptz not null,
    sent_at    timestamptz,
    last_error text
);
