using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Infrastructure.Auth;

/// <summary>The caller's membership of the workspace that owns a resource.</summary>
public sealed record Membership(Guid WorkspaceId, Guid? ProjectId, Guid UserId, string Role)
{
    /// <summary>Viewers read only; every other role may create and edit content.</summary>
    public bool CanWrite => Role is not "viewer";

    /// <summary>Owners and admins manage projects and members.</summary>
    public bool CanManage => Role is "owner" or "admin";
}

/// <summary>
/// The one place that decides what a caller may see: each lookup joins the resource to the caller's
/// workspace membership, so a resource in a workspace the caller is not in is simply not found (404).
/// </summary>
public sealed class Access(NpgsqlDataSource db) : ISingletonService
{
    private static readonly string WorkspaceSql = Sql.Load(typeof(Access), "WorkspaceMembership.sql");
    private static readonly string ProjectSql = Sql.Load(typeof(Access), "ProjectMembership.sql");
    private static readonly string TaskSql = Sql.Load(typeof(Access), "TaskMembership.sql");

    public Task<Membership?> ToWorkspaceAsync(Guid workspaceId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(WorkspaceSql, workspaceId, caller, ct);

    public Task<Membership?> ToProjectAsync(Guid projectId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(ProjectSql, projectId, caller, ct);

    public Task<Membership?> ToTaskAsync(Guid taskId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(TaskSql, taskId, caller, ct);

    /// <summary>
    /// The answer when the caller may not act: 404 when they cannot see <paramref name="what"/> at all,
    /// 403 when they can see it but <paramref name="allowed"/> says no; null when they may go on.
    /// </summary>
    public static ProblemDetails? Deny(Membership? membership, string what, Func<Membership, bool>? allowed = null, string? forbidden = null) =>
        membership is null ? Problems.NotFound(what)
        : allowed is null || allowed(membership) ? null
        : Problems.Forbidden(forbidden ?? "Your role in this workspace does not allow this.");

    private async Task<Membership?> QueryAsync(string sql, Guid id, ClaimsPrincipal caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Membership>(
            new CommandDefinition(sql, new { id, userId = caller.UserId() }, cancellationToken: ct));
    }
}
