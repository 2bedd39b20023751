-- Notification mail (issue 18): per-user preference, one mail per notification (or one digest per period), and
-- one-click unsubscribe links.

-- How a user wants notifications by mail. No row: the deployment's default (Mail:NotificationDefault).
create table notification_preferences (
    user_id    uuid primary key references users (id) on delete cascade,
    mail       text not null check (mail in ('immediate', 'digest', 'off')),
    updated_at timestamptz not null
);

-- One row per notification that goes out by mail, keyed like the notification itself (user, cause, kind): a cause
-- delivered twice finds its row and queues no second mail. mail_id is the mail that carries it: its own, or the
-- digest of its period. Purged with that mail's delivery row (Retention:MailDays).
create table notification_mails (
    user_id    uuid not null references users (id) on delete cascade,
    source_id  uuid not null,
    kind       text not null,
    mail_id    uuid not null references mail_deliveries (id) on delete cascade deferrable initially deferred,
    created_at timestamptz not null,
    primary key (user_id, source_id, kind)
);
create index notification_mails_mail on notification_mails (mail_id);

-- One digest per user and period (a UTC day by default): the first notification of the period for a user on "digest"
-- makes the row and schedules its mail; the others join it.
create table notification_digests (
    user_id      uuid not null references users (id) on delete cascade,
    period_start timestamptz not null,
    mail_id      uuid not null unique references mail_deliveries (id) on delete cascade deferrable initially deferred,
    primary key (user_id, period_start)
);

-- The one-click unsubscribe token of each notification mail (RFC 8058), as SHA-256 only: the raw token exists in the
-- mail and, until it is sent, in its queued message. Valid as long as its mail's delivery row is kept.
create table mail_unsubscribe_tokens (
    token_hash text primary key,
    user_id    uuid not null references users (id) on delete cascade,
    mail_id    uuid not null references mail_deliveries (id) on delete cascade deferrable initially deferred
);
create index mail_unsubscribe_tokens_mail on mail_unsubscribe_tokens (mail_id);
