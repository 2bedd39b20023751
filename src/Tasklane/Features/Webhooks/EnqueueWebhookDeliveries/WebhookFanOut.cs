using Dapper;
using Npgsql;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Webhooks.EnqueueWebhookDeliveries;

/// <summary>
/// Turns a domain event into one delivery per subscribed webhook and queues the first attempt of each, in one
/// transaction: a delivery row exists exactly when its send is queued.
/// </summary>
public sealed class WebhookFanOut(NpgsqlDataSource db, Outbox outbox, TimeProvider clock) : ISingletonService
{
    private static readonly string Subscribed = Sql.Load(typeof(WebhookFanOut), "SubscribedWebhooks.sql");
    private static readonly string Insert = Sql.Load(typeof(WebhookFanOut), "InsertDelivery.sql");

    public async Task EnqueueAsync(IDomainEvent e, CancellationToken ct)
    {
        if (WebhookEvents.For(e) is not { } known)
        {
            return;
        }

        List<Guid> webhooks;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            webhooks = (
                await connection.QueryAsync<Guid>(
                    new CommandDefinition(Subscribed, new { e.WorkspaceId, name = known.Name }, cancellationToken: ct)
                )
            ).AsList();
        }

        if (webhooks.Count == 0)
        {
            return; // the common case costs one indexed query
        }

        await using var tx = await outbox.BeginAsync(ct);
        var now = clock.DbNow();
        foreach (var webhookId in webhooks)
        {
            var id = Guid.CreateVersion7();
            var payload = WebhookRules.Payload(id, known.Name, e.EventId, e.WorkspaceId, e.ActorId, e.OccurredAt, known.Data(e));
            var inserted = await tx.QuerySingleOrDefaultAsync<Guid?>(
                Insert,
                new
                {
                    id,
                    webhookId,
                    eventId = e.EventId,
                    name = known.Name,
                    payload,
                    now,
                },
                ct
            );
            if (inserted is not null)
            {
                tx.Send(new SendWebhookDelivery(id, 1));
            }
        }

        await tx.CommitAsync(ct);
    }
}
