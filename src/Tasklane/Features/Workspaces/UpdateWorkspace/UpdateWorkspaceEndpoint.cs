using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Workspaces.UpdateWorkspace;

/// <summary>
/// The settings a PATCH may change; an absent one stays as it is. <c>requireTwoFactor</c>: members without two-factor
/// authentication get 403 on everything in the workspace until they enable it.
/// </summary>
public sealed record UpdateWorkspaceRequest : StrictBody
{
    public bool? RequireTwoFactor { get; init; }

    public FieldErrors Validate() => RefuseUnknownFields(new FieldErrors());
}

public static class UpdateWorkspaceEndpoint
{
    private static readonly string Update = Sql.Load(typeof(UpdateWorkspaceEndpoint), "UpdateWorkspace.sql");
    private static readonly string Members = Sql.Load(typeof(UpdateWorkspaceEndpoint), "WorkspaceMembers.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(UpdateWorkspaceRequest? body, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.Own)
        ?? (body is null ? FieldErrors.MissingBody() : body.Validate().ToProblem());

    /// <summary>
    /// Changes a workspace's settings (owners only). Requiring two-factor authentication needs the owner's own enabled (409
    /// otherwise); members without it are refused (403) from the next request on, on every host.
    /// </summary>
    [WolverinePatch("/workspaces/{workspaceId}")]
    [ProducesResponseType<WorkspaceResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid workspaceId,
        UpdateWorkspaceRequest body,
        ClaimsPrincipal caller,
        Outbox outbox,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var workspace = await tx.QuerySingleOrDefaultAsync<WorkspaceResponse>(
            Update,
            new
            {
                WorkspaceId = workspaceId,
                UserId = caller.UserId(),
                body.RequireTwoFactor,
            },
            ct
        );
        if (workspace is null)
        {
            return Results.Problem(
                Problems.Conflict(
                    "Enable two-factor authentication for your own account first (POST /me/two-factor), then require it of the members."
                )
            );
        }

        // Whether each member lacks a required second factor is cached with their role.
        if (body.RequireTwoFactor is not null)
        {
            tx.Invalidate(
                (await tx.QueryAsync<Guid>(Members, new { WorkspaceId = workspaceId }, ct)).Select(u => CacheKeys.Role(workspaceId, u))
            );
        }

        await tx.CommitAsync(ct);
        return Results.Ok(workspace);
    }
}
