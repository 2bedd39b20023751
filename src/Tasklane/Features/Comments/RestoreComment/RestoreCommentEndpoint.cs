using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Retention;
using Wolverine.Http;

namespace Tasklane.Features.Comments.RestoreComment;

/// <summary>A comment as the trash holds it.</summary>
public sealed record TrashedComment(int Version, Guid AuthorId, DateTime? DeletedAt);

public static class RestoreCommentEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(RestoreCommentEndpoint), "LockTrashedComment.sql");
    private static readonly string Restore = Sql.Load(typeof(RestoreCommentEndpoint), "RestoreComment.sql");

    // The only comment lookup that finds comments in the trash.
    public static Task<Membership?> LoadAsync(Guid commentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToCommentIncludingTrashedAsync(commentId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The comment", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? new FieldErrors().IfMatch(http).ToProblem();

    /// <summary>
    /// Brings back a comment deleted less than 30 days ago, with its text and mentions: by its author, or an admin or
    /// owner (who may delete anyone's). 409 when it is not in the trash or was deleted over 30 days ago.
    /// </summary>
    [WolverinePost("/comments/{commentId}/restore")]
    [ProducesResponseType<CommentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Post(
        Guid commentId,
        [NotBody] Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } blocked)
        {
            return Results.Problem(blocked);
        }

        if (await tx.QuerySingleOrDefaultAsync<TrashedComment>(Lock, new { commentId }, ct) is not { } trashed)
        {
            return Results.Problem(Problems.NotFound("The comment"));
        }

        var now = clock.DbNow();
        if (
            (
                RestoreCommentDecision.Refuse(trashed, membership, now)
                ?? Preconditions.Stale(context.Request, "The comment", trashed.Version)
            ) is
            { } refused
        )
        {
            return Results.Problem(refused);
        }

        await tx.ExecuteAsync(Restore, new { commentId }, ct);
        var comment = (await CommentRules.LockAsync(tx, commentId, ct))!;
        tx.Publish(
            new CommentRestored(
                Guid.CreateVersion7(),
                comment.WorkspaceId,
                membership.ProjectId.Value,
                comment.TaskId,
                commentId,
                membership.UserId,
                now,
                comment.Version,
                comment.AuthorId
            )
        );
        await tx.CommitAsync(ct);
        context.Response.Headers.ETag = comment.ETag();
        return Results.Ok(comment);
    }
}

public static class RestoreCommentDecision
{
    /// <summary>Who may delete a comment may restore it: its author, or an admin or owner.</summary>
    public static ProblemDetails? Refuse(TrashedComment trashed, Membership membership, DateTime now) =>
        trashed switch
        {
            _ when trashed.AuthorId != membership.UserId && !membership.Can(Permission.ManageMembers) => Problems.Forbidden(
                "Only the author, an admin or an owner may restore a comment."
            ),
            { DeletedAt: null } => Problems.Conflict("The comment is not in the trash."),
            { DeletedAt: { } deletedAt } when now - deletedAt > TrashRetention.Window => Problems.Conflict(
                $"The comment was deleted more than {TrashRetention.Window.TotalDays:0} days ago and can no longer be restored."
            ),
            _ => null,
        };
}
