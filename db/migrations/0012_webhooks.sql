-- Outgoing webhooks: workspace admins register HTTP(S) endpoints; the worker POSTs signed JSON for the
-- events they subscribe to, retrying with backoff, and keeps every attempt for the deliveries list.
create table webhooks (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    url          text not null check (length(url) <= 2048),
    -- Public event names from the catalogue (WebhookEvents.cs); '*' subscribes to all of them.
    events       text[] not null,
    -- Kept in clear: the worker needs it to sign. Never returned after the create response.
    secret       text not null,
    enabled      boolean not null default true,
    version      int not null default 1,
    created_by   uuid not null references users (id),
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index webhooks_workspace on webhooks (workspace_id, id);

-- One row per (webhook, domain event): a redelivered event finds its row and sends nothing twice.
create table webhook_deliveries (
    id              uuid primary key,
    webhook_id      uuid not null references webhooks (id) on delete cascade,
    event_id        uuid not null,
    event           text not null,
    -- The exact body sent (and signed) on every attempt, so a replay is byte-identical.
    payload         text not null,
    status          text not null check (status in ('pending', 'delivered', 'dead')),
    attempts        int not null default 0,
    -- Attempts made before the current retry cycle (a redelivery starts a new one).
    retry_base      int not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (webhook_id, event_id)
);
-- Keyset pages of a webhook's deliveries, optionally by status (the dead-letter list).
create index webhook_deliveries_list on webhook_deliveries (webhook_id, status, id);

create table webhook_delivery_attempts (
    delivery_id   uuid not null references webhook_deliveries (id) on delete cascade,
    -- Numbered per delivery from 1; the key makes recording an attempt idempotent.
    number        int not null,
    attempted_at  timestamptz not null,
    duration_ms   int not null,
    status_code   int,
    -- The first characters of the receiver's answer, for debugging; never the whole body.
    response_body text,
    error         text,
    primary key (delivery_id, number)
);
