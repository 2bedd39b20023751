using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.DeleteView;

public static class DeleteViewEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(DeleteViewEndpoint), "DeleteView.sql");

    public static Task<Membership?> LoadAsync(Guid viewId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToViewAsync(viewId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The view") ?? new FieldErrors().IfMatch(http).ToProblem();

    /// <summary>Deletes the view: its owner may, and an admin may for a shared view. The tasks are untouched.</summary>
    // [NotBody]: without a body type, Wolverine would read the loaded Membership from the (empty) DELETE body.
    [WolverineDelete("/views/{viewId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Remove(
        Guid viewId,
        [NotBody] Membership membership,
        HttpRequest http,
        Outbox outbox,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } archived)
        {
            return Results.Problem(archived);
        }

        if ((await SavedViewRules.LockForChangeAsync(tx, viewId, membership, http, ct)).Refused is { } refused)
        {
            return Results.Problem(refused);
        }

        await tx.ExecuteAsync(Delete, new { viewId }, ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
