-- The user's choice of notification mail (one row per user; the latest choice wins).
insert into notification_preferences (user_id, mail, updated_at)
values (@UserId, @Mail, @Now)
on conflict (user_id) do update set mail = excluded.mail, updated_at = excluded.updated_at
