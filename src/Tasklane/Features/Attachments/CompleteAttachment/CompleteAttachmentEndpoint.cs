using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Attachments.CompleteAttachment;

public static class CompleteAttachmentEndpoint
{
    private static readonly string Complete = Sql.Load(typeof(CompleteAttachmentEndpoint), "CompleteAttachment.sql");

    public static Task<Membership?> LoadAsync(Guid attachmentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToAttachmentAsync(attachmentId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The attachment", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Confirms the upload: the object must exist with exactly the declared size (409 otherwise, and the
    /// attachment stays pending so the client can upload again). Completing a ready attachment changes nothing.
    /// </summary>
    /// <remarks><c>[NotBody]</c>: the request has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverinePost("/attachments/{attachmentId}/complete")]
    [ProducesResponseType<AttachmentResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid attachmentId,
        [NotBody] Membership membership,
        ObjectStore store,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        // The store is asked before the transaction opens: no row lock is held across a network call.
        var storedSize = await store.SizeAsync(AttachmentRules.ObjectKey(membership.WorkspaceId, attachmentId), ct);

        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } blocked)
        {
            return Results.Problem(blocked);
        }

        var current = await AttachmentRules.LockAsync(tx, attachmentId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The attachment"));
        }

        var (problem, completed, added) = CompleteAttachmentDecision.Decide(current, storedSize, membership, clock.DbNow());
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        if (added is not null)
        {
            await tx.ExecuteAsync(Complete, new { completed!.Id, completed.CompletedAt }, ct);
            tx.Publish(added);
            await tx.CommitAsync(ct);
        }

        return Results.Ok(completed);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class CompleteAttachmentDecision
{
    /// <summary>
    /// A 409 while the object is missing or differs in size from the declaration; otherwise the ready attachment
    /// and its event (no event when it was ready already, so a retried complete announces nothing twice).
    /// </summary>
    public static (ProblemDetails? Problem, AttachmentResponse? Completed, AttachmentAdded? Added) Decide(
        AttachmentResponse current,
        long? storedSize,
        Membership membership,
        DateTime now
    )
    {
        if (current.Status == "ready")
        {
            return (null, current, null);
        }

        if (storedSize is null)
        {
            return (Problems.Conflict("The file has not been uploaded yet: PUT it to the upload URL first."), null, null);
        }

        if (storedSize != current.Size)
        {
            return (
                Problems.Conflict($"The uploaded file is {storedSize} bytes but {current.Size} were declared. Upload the file again."),
                null,
                null
            );
        }

        var completed = current with { Status = "ready", CompletedAt = now };
        var added = new AttachmentAdded(
            Guid.CreateVersion7(),
            current.WorkspaceId,
            current.ProjectId,
            current.TaskId,
            current.Id,
            membership.UserId,
            now,
            current.FileName,
            current.ContentType,
            current.Size
        );
        return (null, completed, added);
    }
}
