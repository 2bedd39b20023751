using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Comments.RecordCommentActivity;

/// <summary>
/// Worker: the activity-feed entries for comment events, on the task's and project's feeds too. They name the
/// comment but keep none of its text or mentions: the feeds show those from the comment itself while it exists
/// (ActivityFeed.sql), so a deleted comment leaves nothing readable behind.
/// </summary>
[StickyHandler(Queues.Activity)]
public static class RecordCommentActivityHandler
{
    public static Task Handle(CommentAdded e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.added", new { e.CommentId }, ct);

    public static Task Handle(CommentEdited e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.edited", new { e.CommentId, e.Version }, ct);

    public static Task Handle(CommentDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "comment.deleted", new { e.CommentId, e.AuthorId }, ct);

    public static Task Handle(CommentRestored e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "comment.restored",
            new
            {
                e.CommentId,
                e.AuthorId,
                e.Version,
            },
            ct
        );
}
