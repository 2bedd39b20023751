update comments
set body = @Body, version = @Version, edited_at = @EditedAt
where id = @Id
