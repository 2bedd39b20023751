namespace Tasklane.Infrastructure.Messaging;

/// <summary>The <c>Worker</c> section: how each subscriber queue is drained.</summary>
public sealed class WorkerSettings
{
    /// <summary>Messages taken per poll of a queue, in one transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>The safety net behind NOTIFY wake-ups, and the pause between full batches of a backlog.</summary>
    public int PollingMilliseconds { get; set; } = 1000;

    /// <summary>Messages of one queue handled at once.</summary>
    public int Parallelism { get; set; } = 16;
}
