using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Comments.DeleteComment;

public static class DeleteCommentEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(DeleteCommentEndpoint), "DeleteComment.sql");

    public static Task<Membership?> LoadAsync(Guid commentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToCommentAsync(commentId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest http)
    {
        if ((Access.Deny(membership, "The comment", Permission.WriteContent) ?? Access.DenyArchived(membership)) is { } denied)
        {
            return denied;
        }

        return new FieldErrors().IfMatch(http).ToProblem();
    }

    /// <summary>
    /// Moves the comment to the trash: by its author, or by an admin or owner moderating. It is gone from every list
    /// and feed at once, and can be restored for 30 days (<c>POST /comments/{id}/restore</c>); then the worker purges it.
    /// The activity feed keeps that it existed and who deleted it, not its text.
    /// An archived project's comments are read-only like the rest of it (409).
    /// </summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/comments/{commentId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Remove(
        Guid commentId,
        [NotBody] Membership membership,
        HttpRequest http,
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

        if (await CommentRules.LockAsync(tx, commentId, ct) is not { } current)
        {
            return Results.Problem(Problems.NotFound("The comment"));
        }

        var (problem, deleted) = DeleteCommentDecision.Decide(current, membership, clock.DbNow());
        // The author check first: a precondition only matters to a request that could otherwise succeed.
        if ((problem ?? Preconditions.Stale(http, "The comment", current.Version)) is { } refused)
        {
            return Results.Problem(refused);
        }

        await tx.ExecuteAsync(
            Delete,
            new
            {
                commentId,
                now = deleted!.OccurredAt,
                actorId = membership.UserId,
            },
            ct
        );
        tx.Publish(deleted);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class DeleteCommentDecision
{
    /// <summary>The author may delete their comment; admins and owners (who manage members) may delete anyone's.</summary>
    public static (ProblemDetails? Problem, CommentDeleted? Deleted) Decide(CommentResponse current, Membership membership, DateTime now)
    {
        if (current.AuthorId != membership.UserId && !membership.Can(Permission.ManageMembers))
        {
            return (Problems.Forbidden("Only the author, an admin or an owner may delete a comment."), null);
        }

        return (
            null,
            new CommentDeleted(
                Guid.CreateVersion7(),
                current.WorkspaceId,
                membership.ProjectId!.Value,
                current.TaskId,
                current.Id,
                membership.UserId,
                now,
                current.AuthorId
            )
        );
    }
}
