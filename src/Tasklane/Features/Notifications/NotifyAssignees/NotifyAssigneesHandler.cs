using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Notifications.NotifyAssignees;

/// <summary>Worker: whoever becomes an assignee of a task (on creation or later) is told, unless they did it themselves.</summary>
[StickyHandler(Queues.Notifications)]
public static class NotifyAssigneesHandler
{
    public static bool Takes(TaskCreated e) => e.AssigneeIds is { Count: > 0 };

    public static bool Takes(TaskUpdated e) => e.Changes.AssigneeIds is not null;

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskCreated e, Notifier notifier, CancellationToken ct) =>
        Takes(e)
            ? notifier.NotifyAsync(Draft(e.WorkspaceId, e.EventId, e.ProjectId, e.TaskId, e.ActorId, e.Title), e.AssigneeIds!, ct)
            : Task.CompletedTask;

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static async Task Handle(TaskUpdated e, Notifier notifier, CancellationToken ct)
    {
        var added = AddedAssignees(e);
        if (added.Length == 0 || await notifier.TaskAsync(e.TaskId, ct) is not { } task)
        {
            return;
        }

        await notifier.NotifyAsync(Draft(e.WorkspaceId, e.EventId, task.ProjectId, task.Id, e.ActorId, task.Title), added, ct);
    }

    /// <summary>The users in the change's new assignee set who were not in the old one.</summary>
    public static Guid[] AddedAssignees(TaskUpdated e) =>
        e.Changes.AssigneeIds is { } change ? change.To.Except(change.From).ToArray() : [];

    private static NotificationDraft Draft(Guid workspaceId, Guid eventId, Guid projectId, Guid taskId, Guid actorId, string taskTitle) =>
        new(workspaceId, NotificationKinds.Assignment, eventId, projectId, taskId, null, actorId, $"Assigned to you: {taskTitle}", null);
}
