delete from webhooks where id = @webhookId
