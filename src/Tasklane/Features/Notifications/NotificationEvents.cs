using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Notifications;

/// <summary>
/// A notification was stored for <see cref="UserId"/>; published in the same commit, so other deliveries
/// (webhooks) see each stored notification exactly once even when its cause was delivered twice.
/// <see cref="ActorId"/> is who caused it; <see cref="Guid.Empty"/> for a reminder, where nobody acted.
/// </summary>
public sealed record NotificationCreated(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid NotificationId,
    Guid UserId,
    string Kind,
    Guid? ProjectId,
    Guid? TaskId,
    string Title
) : IDomainEvent;

/// <summary>
/// The reminder for a task due at <see cref="DueAt"/> is due now (<see cref="OccurredAt"/> = due date minus the lead
/// time). Scheduled when the due date is set; it is superseded, not cancelled, when the date moves: on delivery
/// the worker checks that the task is still due at <see cref="DueAt"/>. <see cref="ActorId"/> set the date.
/// </summary>
public sealed record TaskReminderDue(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    DateTime DueAt
) : IDomainEvent;
