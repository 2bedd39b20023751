using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Attachments.DeleteAttachment;

public static class DeleteAttachmentEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(DeleteAttachmentEndpoint), "DeleteAttachment.sql");

    public static Task<Membership?> LoadAsync(Guid attachmentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToAttachmentAsync(attachmentId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The attachment", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Deletes the attachment (or cancels an upload not yet completed): by its uploader, or by an admin or owner.
    /// The row is soft-deleted at once, which frees its quota; the worker deletes the object, retrying while the store is down.
    /// </summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/attachments/{attachmentId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Remove(
        Guid attachmentId,
        [NotBody] Membership membership,
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

        var current = await AttachmentRules.LockAsync(tx, attachmentId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The attachment"));
        }

        var (problem, deleted) = DeleteAttachmentDecision.Decide(current, membership, clock.DbNow());
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        await tx.ExecuteAsync(Delete, new { attachmentId, deletedAt = deleted!.OccurredAt }, ct);
        tx.Publish(deleted);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class DeleteAttachmentDecision
{
    /// <summary>The uploader may delete their attachment; admins and owners (who manage members) may delete anyone's.</summary>
    public static (ProblemDetails? Problem, AttachmentDeleted? Deleted) Decide(
        AttachmentResponse current,
        Membership membership,
        DateTime now
    )
    {
        if (current.CreatedBy != membership.UserId && !membership.Can(Permission.ManageMembers))
        {
            return (Problems.Forbidden("Only the uploader, an admin or an owner may delete an attachment."), null);
        }

        return (
            null,
            new AttachmentDeleted(
                Guid.CreateVersion7(),
                current.WorkspaceId,
                current.ProjectId,
                current.TaskId,
                current.Id,
                membership.UserId,
                now,
                current.ObjectKey,
                current.FileName,
                current.Status == "ready"
            )
        );
    }
}
