using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Comments.AddComment;

public static class AddCommentEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(AddCommentEndpoint), "AddComment.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(CommentRequest? request, Membership? membership) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (
            request is null ? FieldErrors.MissingBody() : new FieldErrors().Required("body", request.Body, CommentRules.BodyMax).ToProblem()
        );

    /// <summary>A markdown comment on the task; <c>@email</c> mentions of members are recorded.</summary>
    [WolverinePost("/tasks/{taskId}/comments")]
    [ProducesResponseType<CommentResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid taskId,
        CommentRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        var mentioned = await Mentions.ResolveAsync(tx, membership.WorkspaceId, request.Body!, ct);
        var (comment, added) = AddCommentDecision.Decide(taskId, request, membership, mentioned, clock.DbNow());

        // The task may have been deleted since the access check: then nothing is inserted.
        var author = await tx.QuerySingleOrDefaultAsync<string?>(Insert, comment, ct);
        if (author is null)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        await Mentions.SaveAsync(tx, comment.Id, mentioned, ct);
        tx.Publish(added);
        await tx.CommitAsync(ct);

        response.Headers.ETag = comment.ETag();
        return Results.Created(ApiRoutes.Path($"comments/{comment.Id}"), comment with { AuthorDisplayName = author });
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class AddCommentDecision
{
    /// <summary>The new comment and its event; the body is kept exactly as written (markdown).</summary>
    public static (CommentResponse Comment, CommentAdded Added) Decide(
        Guid taskId,
        CommentRequest request,
        Membership membership,
        Guid[] mentioned,
        DateTime now
    )
    {
        var comment = new CommentResponse(
            Id: Guid.CreateVersion7(),
            TaskId: taskId,
            WorkspaceId: membership.WorkspaceId,
            AuthorId: membership.UserId,
            AuthorDisplayName: null, // filled from the users row by the insert
            Body: request.Body!,
            Mentions: mentioned,
            Version: 1,
            CreatedAt: now,
            EditedAt: null
        );
        var added = new CommentAdded(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            taskId,
            comment.Id,
            membership.UserId,
            now,
            comment.Body,
            mentioned
        );
        return (comment, added);
    }
}
