using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks.MoveTask;

/// <summary>A task took a new place on the board: its status column and/or its position in it.</summary>
public sealed record TaskMoved(
    Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid ActorId, DateTime OccurredAt,
    int Version, string FromStatus, double FromPosition, string ToStatus, double ToPosition) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Task(TaskId)];
}

/// <summary>Worker: the activity-feed entry for a move.</summary>
public static class RecordTaskMovedActivityHandler
{
    public static Task Handle(TaskMoved e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "task.moved", new
        {
            e.Version,
            From = new { Status = e.FromStatus, Position = e.FromPosition },
            To = new { Status = e.ToStatus, Position = e.ToPosition },
        }, ct);
}
