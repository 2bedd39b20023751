-- The user's choice of notification mail, or the deployment's default when they never chose.
select coalesce((select p.mail from notification_preferences p where p.user_id = @UserId), @Default)
