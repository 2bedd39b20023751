using Dapper;
using Npgsql;
using Tasklane.Features.Comments;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Notifications.NotifyCommenters;

/// <summary>
/// Worker: a new comment tells the members it mentions ("mention") and the task's other followers ("comment");
/// a mentioned follower gets only the mention. An edit that adds mentions tells the newly mentioned.
/// </summary>
[StickyHandler(Queues.Notifications)]
public static class NotifyCommentersHandler
{
    private static readonly string FollowersSql = Sql.Load(typeof(NotifyCommentersHandler), "Followers.sql");

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static async Task Handle(CommentAdded e, Notifier notifier, NpgsqlDataSource db, CancellationToken ct)
    {
        if (await notifier.TaskAsync(e.TaskId, ct) is not { } task)
        {
            return;
        }

        Guid[] followers;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            followers = (
                await connection.QueryAsync<Guid>(new CommandDefinition(FollowersSql, new { e.TaskId }, cancellationToken: ct))
            ).ToArray();
        }

        var (mentioned, commented) = Recipients(e.Mentions, followers);
        await notifier.NotifyAsync(MentionDraft(e.WorkspaceId, e.EventId, task, e.CommentId, e.ActorId, e.Body), mentioned, ct);
        await notifier.NotifyAsync(
            new NotificationDraft(
                e.WorkspaceId,
                NotificationKinds.Comment,
                e.EventId,
                task.ProjectId,
                task.Id,
                e.CommentId,
                e.ActorId,
                $"New comment on {task.Title}",
                e.Body
            ),
            commented,
            ct
        );
    }

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static async Task Handle(CommentEdited e, Notifier notifier, CancellationToken ct)
    {
        if (e.NewMentions.Count == 0 || await notifier.TaskAsync(e.TaskId, ct) is not { } task)
        {
            return;
        }

        await notifier.NotifyAsync(MentionDraft(e.WorkspaceId, e.EventId, task, e.CommentId, e.ActorId, e.Body.To), e.NewMentions, ct);
    }

    /// <summary>Who gets a mention and who a comment notification: one each, the mention winning.</summary>
    public static (Guid[] Mentioned, Guid[] Commented) Recipients(IReadOnlyList<Guid> mentions, IReadOnlyList<Guid> followers) =>
        ([.. mentions.Distinct()], [.. followers.Except(mentions)]);

    private static NotificationDraft MentionDraft(
        Guid workspaceId,
        Guid eventId,
        NotifiedTask task,
        Guid commentId,
        Guid actorId,
        string? body
    ) =>
        new(
            workspaceId,
            NotificationKinds.Mention,
            eventId,
            task.ProjectId,
            task.Id,
            commentId,
            actorId,
            $"You were mentioned on {task.Title}",
            body
        );
}
