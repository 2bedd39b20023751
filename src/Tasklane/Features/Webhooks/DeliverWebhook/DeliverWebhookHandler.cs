using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Webhooks.DeliverWebhook;

/// <summary>The delivery and its webhook, as the sender needs them.</summary>
public sealed record DeliveryToSend(
    Guid Id,
    string Event,
    string Payload,
    string Status,
    int Attempts,
    int RetryBase,
    string Url,
    string Secret,
    bool Enabled
);

/// <summary>
/// Worker, on the webhooks queue: makes one attempt of a delivery, records it, and schedules the next one (or
/// declares the delivery dead). The HTTP call holds no database connection. A message delivered twice is
/// harmless: an attempt already recorded is not recorded or followed up again.
/// </summary>
[StickyHandler(Queues.Webhooks)]
public static class DeliverWebhookHandler
{
    private static readonly string Load = Sql.Load(typeof(DeliverWebhookHandler), "LoadDelivery.sql");
    private static readonly string Record = Sql.Load(typeof(DeliverWebhookHandler), "RecordAttempt.sql");
    private static readonly string Update = Sql.Load(typeof(DeliverWebhookHandler), "UpdateDelivery.sql");

    /// <remarks>
    /// What the receiver does never throws (it is recorded as a failed attempt); only our own database can, and
    /// then the same attempt is tried again a little later.
    /// </remarks>
    [ScheduleRetry(typeof(Exception), 1, 5, 30, 60, 300, 900, 1800, 3600)]
    public static async Task Handle(
        SendWebhookDelivery message,
        NpgsqlDataSource db,
        WebhookSender sender,
        WebhookSettings settings,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        DeliveryToSend? delivery;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            delivery = await connection.QuerySingleOrDefaultAsync<DeliveryToSend>(
                new CommandDefinition(Load, message, cancellationToken: ct)
            );
        }

        if (delivery is null || delivery.Status != "pending" || delivery.Attempts >= message.Attempt)
        {
            return; // webhook deleted, delivery finished, or this attempt was made already
        }

        var attemptedAt = clock.DbNow();
        var outcome = delivery.Enabled
            ? await sender.SendAsync(delivery.Id, delivery.Event, delivery.Url, delivery.Secret, delivery.Payload, ct)
            : new AttemptOutcome(null, null, "The webhook is disabled.", 0);
        var (status, next) = DeliverWebhookDecision.Next(
            outcome.Succeeded,
            message.Attempt,
            delivery.RetryBase,
            settings.RetryDelays,
            settings.Jitter,
            Random.Shared.NextDouble(),
            attemptedAt
        );

        await using var tx = await outbox.BeginAsync(ct);
        var recorded = await tx.ExecuteAsync(
            Record,
            new
            {
                DeliveryId = delivery.Id,
                Number = message.Attempt,
                AttemptedAt = attemptedAt,
                outcome.DurationMs,
                outcome.StatusCode,
                outcome.ResponseBody,
                outcome.Error,
            },
            ct
        );
        if (recorded == 0)
        {
            return;
        }

        await tx.ExecuteAsync(
            Update,
            new
            {
                DeliveryId = delivery.Id,
                Status = status,
                Number = message.Attempt,
                NextAttemptAt = next,
                AttemptedAt = attemptedAt,
            },
            ct
        );
        if (next is { } due)
        {
            // Scheduled inside the transaction: the retry exists exactly when its failed attempt is recorded.
            tx.Schedule(new SendWebhookDelivery(delivery.Id, message.Attempt + 1), new DateTimeOffset(due, TimeSpan.Zero));
        }

        await tx.CommitAsync(ct);
    }
}

/// <remarks>Pure: what follows an attempt.</remarks>
public static class DeliverWebhookDecision
{
    /// <summary>
    /// delivered on success; otherwise pending with the next try after this cycle's next delay (± jitter), or
    /// dead once the cycle's delays are used up. A cycle starts at the first attempt after <paramref name="retryBase"/>.
    /// </summary>
    public static (string Status, DateTime? NextAttemptAt) Next(
        bool succeeded,
        int attempt,
        int retryBase,
        IReadOnlyList<double> delaysSeconds,
        double jitter,
        double random,
        DateTime now
    )
    {
        if (succeeded)
        {
            return ("delivered", null);
        }

        var failuresInCycle = attempt - retryBase;
        if (failuresInCycle > delaysSeconds.Count)
        {
            return ("dead", null);
        }

        var factor = 1 + jitter * (2 * random - 1);
        return ("pending", now.AddSeconds(delaysSeconds[failuresInCycle - 1] * factor));
    }
}
