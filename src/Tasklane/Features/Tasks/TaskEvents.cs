using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Tasks;

/// <remarks>
/// <see cref="DueAt"/> and <see cref="AssigneeIds"/> were added for reminders and notifications; they are
/// optional so that events stored before them still read (as no due date and no assignees).
/// </remarks>
public sealed record TaskCreated(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    string Title,
    StatusCategory Status,
    TaskPriority Priority,
    DateTime? DueAt = null,
    IReadOnlyList<Guid>? AssigneeIds = null,
    Guid? StatusId = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyDictionary<Guid, System.Text.Json.JsonElement>? CustomFields = null
) : IDomainEvent;

/// <summary>The task's fields in <see cref="Changes"/> changed; the task is now at <see cref="Version"/>.</summary>
public sealed record TaskUpdated(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    TaskChanges Changes
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Task(TaskId)];
}

/// <summary>A task took a new place on the board: its status column and/or its position in it.</summary>
/// <remarks>
/// Area-level so other areas (webhooks) may subscribe. The identity is the type's former full name, so
/// messages queued before it moved here are still understood.
/// </remarks>
[MessageIdentity("Tasklane.Features.Tasks.MoveTask.TaskMoved")]
public sealed record TaskMoved(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    StatusCategory FromStatus,
    double FromPosition,
    StatusCategory ToStatus,
    double ToPosition,
    Guid? FromStatusId = null,
    Guid? ToStatusId = null
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Task(TaskId)];
}

/// <summary>
/// The task went to the trash, with its sub-tasks that were not there yet (<see cref="SubTaskIds"/>, any depth); each is
/// at <see cref="Version"/> or later. They can be restored together for <see cref="Infrastructure.Retention.TrashRetention.Window"/>.
/// </summary>
public sealed record TaskDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    IReadOnlyList<Guid> SubTaskIds
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => CacheKeys.TaskExistence(SubTaskIds.Prepend(TaskId));
}

/// <summary>The task came back from the trash with the sub-tasks deleted with it (<see cref="SubTaskIds"/>).</summary>
public sealed record TaskRestored(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    IReadOnlyList<Guid> SubTaskIds
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => CacheKeys.TaskExistence(SubTaskIds.Prepend(TaskId));
}
