using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;
using Tasklane.Features.Activity;

namespace Tasklane.Features.Comments.RecordCommentActivity;

/// <summary>Worker: the activity-feed entries for comment events, on the task's and project's feeds too.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordCommentActivityHandler
{
    public static Task Handle(CommentAdded e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.added", new { e.CommentId, e.Body, e.Mentions }, ct);

    public static Task Handle(CommentEdited e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.edited", new { e.CommentId, e.Version, Changes = new { e.Body } }, ct);

    public static Task Handle(CommentDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.deleted", new { e.CommentId, e.AuthorId }, ct);
}
