using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.ReplaceView;

public static class ReplaceViewEndpoint
{
    private static readonly string Replace = Sql.Load(typeof(ReplaceViewEndpoint), "ReplaceView.sql");

    public static Task<Membership?> LoadAsync(Guid viewId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToViewAsync(viewId, caller, ct);

    public static ProblemDetails Validate(SavedViewRequest? request, Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The view")
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : SavedViewRules.DenyShared(request, membership!) ?? SavedViewRules.Errors(request).IfMatch(http).ToProblem()
        );

    /// <summary>
    /// Replaces the view's name, query, layout and sharing (absent ones take their defaults, as on creation). Its owner may,
    /// and an admin may for a shared view; If-Match (optional) guards against overwriting someone else's change (412).
    /// </summary>
    [WolverinePut("/views/{viewId}")]
    [ProducesResponseType<SavedViewResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Put(
        Guid viewId,
        SavedViewRequest request,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } archived)
        {
            return Results.Problem(archived);
        }

        var (current, refused) = await SavedViewRules.LockForChangeAsync(tx, viewId, membership, context.Request, ct);
        if (current is null)
        {
            return Results.Problem(refused!);
        }

        var view = ReplaceViewDecision.Decide(current, request, clock.DbNow());
        await tx.ExecuteAsync(
            Replace,
            new
            {
                view.Id,
                view.Name,
                view.Query,
                Layout = view.Layout.Name,
                view.Shared,
                view.Version,
                view.UpdatedAt,
            },
            ct
        );
        await tx.CommitAsync(ct);
        context.Response.Headers.ETag = view.ETag();
        return Results.Ok(view);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class ReplaceViewDecision
{
    public static SavedViewResponse Decide(SavedViewResponse current, SavedViewRequest request, DateTime now) =>
        current with
        {
            Name = request.Name!.Trim(),
            Query = SavedViewRules.Normalize(request.Query),
            Layout = request.Layout ?? ViewLayout.List,
            Shared = request.Shared ?? false,
            Version = current.Version + 1,
            UpdatedAt = now,
        };
}
