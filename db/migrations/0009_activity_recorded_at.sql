-- When the worker wrote the entry: recorded_at - occurred_at is the API -> worker delivery lag (bench.sh).
alter table activity add column recorded_at timestamptz not null default now();
