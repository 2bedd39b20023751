using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Labels.DeleteLabel;

public static class DeleteLabelEndpoint
{
    private static readonly string Remove = Sql.Load(typeof(DeleteLabelEndpoint), "DeleteLabel.sql");

    public static Task<Membership?> LoadAsync(Guid labelId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToLabelAsync(labelId, caller, ct);

    public static ProblemDetails Validate(HttpRequest http, Membership? membership)
    {
        if (Access.Deny(membership, "The label", Permission.ManageProjects) is { } denied)
        {
            return denied;
        }

        return new FieldErrors().IfMatch(http).ToProblem();
    }

    /// <summary>Deletes the label and removes it from every task; 412 on a stale If-Match.</summary>
    /// <remarks>[NotBody]: a DELETE has no body; without it Wolverine would read the membership from one.</remarks>
    [WolverineDelete("/labels/{labelId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Delete(
        Guid labelId,
        [NotBody] Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        var current = await LabelRules.LockAsync(tx, labelId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The label")); // deleted by someone else meanwhile
        }

        if (Preconditions.Stale(context.Request, "The label", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var tasks = (await tx.QueryAsync<Guid>(Remove, new { labelId, now }, ct)).ToList();
        tx.Invalidate(tasks.Select(CacheKeys.Task));
        tx.Publish(
            new LabelDeleted(Guid.CreateVersion7(), current.WorkspaceId, current.Id, membership.UserId, now, current.Name, tasks.Count)
        );
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
