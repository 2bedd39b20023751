-- Whether a webhook of the event's workspace takes the event: the condition on which the publisher's transaction
-- queues its fan-out (EnqueueWebhookDeliveriesHandler.WrittenWhen). SubscribedWebhooks.sql lists the same webhooks.
exists (select 1 from webhooks where workspace_id = @workspaceId and enabled and events && array[@event, '*'])
