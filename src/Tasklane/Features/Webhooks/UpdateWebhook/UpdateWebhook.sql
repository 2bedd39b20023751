update webhooks
set url = @Url, events = @Events, enabled = @Enabled, secret = coalesce(@Secret, secret), version = @Version, updated_at = @UpdatedAt
where id = @Id
