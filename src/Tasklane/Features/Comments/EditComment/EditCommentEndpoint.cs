using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Comments.EditComment;

public static class EditCommentEndpoint
{
    private static readonly string Update = Sql.Load(typeof(EditCommentEndpoint), "EditComment.sql");

    public static Task<Membership?> LoadAsync(Guid commentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToCommentAsync(commentId, caller, ct);

    public static ProblemDetails Validate(CommentRequest? request, Membership? membership, HttpRequest http)
    {
        if ((Access.Deny(membership, "The comment", Permission.WriteContent) ?? Access.DenyArchived(membership)) is { } denied)
        {
            return denied;
        }

        if (request is null)
        {
            return FieldErrors.MissingBody();
        }

        return new FieldErrors().Required("body", request.Body, CommentRules.BodyMax).IfMatch(http).ToProblem();
    }

    /// <summary>
    /// Replaces the body (author only). With <c>If-Match</c>, a stale version is refused with 412.
    /// Mentions are re-read from the new body.
    /// </summary>
    [WolverinePatch("/comments/{commentId}")]
    [ProducesResponseType<CommentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid commentId,
        CommentRequest request,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (await CommentRules.LockAsync(tx, commentId, ct) is not { } current)
        {
            return Results.Problem(Problems.NotFound("The comment"));
        }

        var mentioned = await Mentions.ResolveAsync(tx, membership.WorkspaceId, request.Body!, ct);
        var (problem, updated, edited) = EditCommentDecision.Decide(current, request, membership, mentioned, clock.DbNow());
        // The author check first: a precondition only matters to a request that could otherwise succeed.
        if ((problem ?? Preconditions.Stale(context.Request, "The comment", current.Version)) is { } answer)
        {
            return Results.Problem(answer);
        }

        if (edited is not null)
        {
            await tx.ExecuteAsync(Update, updated, ct);
            await Mentions.SaveAsync(tx, updated.Id, updated.Mentions, ct);
            tx.Publish(edited);
            await tx.CommitAsync(ct);
        }

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class EditCommentDecision
{
    /// <summary>
    /// Only the author may edit (403). An unchanged body is no edit: same version, no event.
    /// </summary>
    public static (ProblemDetails? Problem, CommentResponse Comment, CommentEdited? Edited) Decide(
        CommentResponse current,
        CommentRequest request,
        Membership membership,
        Guid[] mentioned,
        DateTime now
    )
    {
        if (current.AuthorId != membership.UserId)
        {
            return (Problems.Forbidden("Only the author may edit a comment."), current, null);
        }

        if (request.Body == current.Body)
        {
            return (null, current, null);
        }

        var next = current with { Body = request.Body!, Mentions = mentioned, Version = current.Version + 1, EditedAt = now };
        var edited = new CommentEdited(
            Guid.CreateVersion7(),
            current.WorkspaceId,
            membership.ProjectId!.Value,
            current.TaskId,
            current.Id,
            membership.UserId,
            now,
            next.Version,
            new FieldChange<string>(current.Body, next.Body),
            mentioned,
            [.. mentioned.Except(current.Mentions)]
        );
        return (null, next, edited);
    }
}
