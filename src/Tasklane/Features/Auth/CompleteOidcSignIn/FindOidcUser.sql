-- The account of a verified email; the provider has just vouched for the address, so it counts as verified here too.
update users set email_verified_at = coalesce(email_verified_at, @Now)
where email_normalized = @EmailNormalized
returning id
