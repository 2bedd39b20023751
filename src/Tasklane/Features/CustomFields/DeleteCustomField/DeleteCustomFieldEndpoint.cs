using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.CustomFields.DeleteCustomField;

public static class DeleteCustomFieldEndpoint
{
    private static readonly string Remove = Sql.Load(typeof(DeleteCustomFieldEndpoint), "DeleteCustomField.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(HttpRequest http, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects) ?? new FieldErrors().IfMatch(http).ToProblem();

    /// <summary>Deletes a field and its values on every task, in one transaction; 412 on a stale If-Match.</summary>
    /// <remarks>[NotBody]: a DELETE has no body; without it Wolverine would read the membership from one.</remarks>
    [WolverineDelete("/workspaces/{workspaceId}/custom-fields/{fieldId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Delete(
        Guid workspaceId,
        Guid fieldId,
        [NotBody] Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var current = await CustomFieldRules.LockAsync(tx, workspaceId, fieldId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The custom field"));
        }

        if (Preconditions.Stale(context.Request, "The custom field", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var tasks = (await tx.QueryAsync<Guid>(Remove, new { fieldId }, ct)).ToList();
        tx.Invalidate(tasks.Select(CacheKeys.Task));
        tx.Publish(
            new CustomFieldDeleted(Guid.CreateVersion7(), workspaceId, fieldId, membership.UserId, clock.DbNow(), current.Name, tasks.Count)
        );
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
