using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.CreateView;

public static class CreateViewEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateViewEndpoint), "CreateView.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(SavedViewRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project")
        ?? (request is null ? FieldErrors.MissingBody() : SavedViewRules.DenyShared(request, membership!) ?? SavedViewRules.Check(request));

    /// <summary>
    /// Saves a named task list of the project (filters, sort, layout) for the caller, or shared with every member. Anyone who
    /// can read the project keeps views of their own; sharing takes the member role.
    /// </summary>
    [WolverinePost("/projects/{projectId}/views")]
    [ProducesResponseType<SavedViewResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        SavedViewRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var view = CreateViewDecision.Decide(request, membership, clock.DbNow());
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } archived)
        {
            return Results.Problem(archived);
        }

        await tx.ExecuteAsync(
            Insert,
            new
            {
                view.Id,
                view.WorkspaceId,
                view.ProjectId,
                view.OwnerId,
                view.Name,
                view.Query,
                Layout = view.Layout.Name,
                view.Shared,
                view.Version,
                view.CreatedAt,
                view.UpdatedAt,
            },
            ct
        );
        await tx.CommitAsync(ct);
        response.Headers.ETag = view.ETag();
        return Results.Created(ApiRoutes.Path($"views/{view.Id}"), view);
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateViewDecision
{
    public static SavedViewResponse Decide(SavedViewRequest request, Membership membership, DateTime now) =>
        new(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            membership.UserId,
            request.Name!.Trim(),
            SavedViewRules.Normalize(request.Query),
            request.Layout ?? ViewLayout.List,
            request.Shared ?? false,
            1,
            now,
            now
        );
}
