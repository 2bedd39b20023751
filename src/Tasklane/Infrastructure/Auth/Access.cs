using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// The one place that decides what a caller may see: each lookup joins the resource to the caller's
/// workspace membership, so a resource in a workspace the caller is not in is simply not found (404).
/// </summary>
public sealed class Access(NpgsqlDataSource db, HotCache cache) : ISingletonService
{
    private static readonly string WorkspaceSql = Sql.Load(typeof(Access), "WorkspaceMembership.sql");
    private static readonly string TaskHomeSql = Sql.Load(typeof(Access), "TaskHome.sql");
    private static readonly string ProjectStateSql = Sql.Load(typeof(Access), "ProjectState.sql");
    private static readonly string RoleSql = Sql.Load(typeof(Access), "MemberRole.sql");
    private static readonly string DeletedProjectSql = Sql.Load(typeof(Access), "DeletedProjectMembership.sql");
    private static readonly string TrashedTaskSql = Sql.Load(typeof(Access), "TrashedTaskMembership.sql");
    private static readonly string CommentSql = Sql.Load(typeof(Access), "CommentMembership.sql");
    private static readonly string TrashedCommentSql = Sql.Load(typeof(Access), "TrashedCommentMembership.sql");
    private static readonly string LabelSql = Sql.Load(typeof(Access), "LabelMembership.sql");
    private static readonly string AttachmentSql = Sql.Load(typeof(Access), "AttachmentMembership.sql");
    private static readonly string WebhookSql = Sql.Load(typeof(Access), "WebhookMembership.sql");
    private static readonly string ExportSql = Sql.Load(typeof(Access), "ExportMembership.sql");
    private static readonly string ImportSql = Sql.Load(typeof(Access), "ImportMembership.sql");
    private static readonly string ViewSql = Sql.Load(typeof(Access), "ViewMembership.sql");

    public Task<Membership?> ToWorkspaceAsync(Guid workspaceId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(WorkspaceSql, workspaceId, caller, ct);

    /// <summary>From cached facts (the project's state, the caller's role), as every task and project request asks.</summary>
    public Task<Membership?> ToProjectAsync(Guid projectId, ClaimsPrincipal caller, CancellationToken ct) =>
        InProjectAsync(projectId, caller, ct);

    /// <summary>Tasks of a deleted project are invisible with it. From cached facts, like <see cref="ToProjectAsync"/>.</summary>
    public async Task<Membership?> ToTaskAsync(Guid taskId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var home = await cache.GetOrCreateAsync(
            CacheKeys.TaskHome(taskId),
            c => QueryOneAsync<TaskHome?>(TaskHomeSql, new { id = taskId }, c),
            ct
        );
        return home is null ? null : await InProjectAsync(home.ProjectId, caller, ct);
    }

    /// <summary>Like <see cref="ToProjectAsync"/>, but also finds soft-deleted projects. Only restoring one needs this.</summary>
    public Task<Membership?> ToProjectIncludingDeletedAsync(Guid projectId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(DeletedProjectSql, projectId, caller, ct);

    /// <summary>Like <see cref="ToTaskAsync"/>, but also finds tasks in the trash. Only restoring one needs this.</summary>
    public Task<Membership?> ToTaskIncludingTrashedAsync(Guid taskId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(TrashedTaskSql, taskId, caller, ct);

    /// <summary>Membership of the comment's workspace; <see cref="Membership.ProjectId"/> is its task's project.</summary>
    public Task<Membership?> ToCommentAsync(Guid commentId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(CommentSql, commentId, caller, ct);

    /// <summary>Like <see cref="ToCommentAsync"/>, but also finds comments in the trash. Only restoring one needs this.</summary>
    public Task<Membership?> ToCommentIncludingTrashedAsync(Guid commentId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(TrashedCommentSql, commentId, caller, ct);

    public Task<Membership?> ToLabelAsync(Guid labelId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(LabelSql, labelId, caller, ct);

    /// <summary>
    /// Membership of the attachment's workspace; <see cref="Membership.ProjectId"/> is its task's project. Deleted attachments are not
    /// found.
    /// </summary>
    public Task<Membership?> ToAttachmentAsync(Guid attachmentId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(AttachmentSql, attachmentId, caller, ct);

    public Task<Membership?> ToWebhookAsync(Guid webhookId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(WebhookSql, webhookId, caller, ct);

    /// <summary>Membership of the export's workspace; <see cref="Membership.ProjectId"/> is the exported project.</summary>
    public Task<Membership?> ToExportAsync(Guid exportId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(ExportSql, exportId, caller, ct);

    /// <summary>Membership of the workspace the import goes into.</summary>
    public Task<Membership?> ToImportAsync(Guid importId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(ImportSql, importId, caller, ct);

    /// <summary>Membership of the view's workspace, for a shared view or the caller's own; <see cref="Membership.ProjectId"/> is its project.</summary>
    public Task<Membership?> ToViewAsync(Guid viewId, ClaimsPrincipal caller, CancellationToken ct) =>
        QueryAsync(ViewSql, viewId, caller, ct);

    /// <summary>What a member of a workspace that requires two-factor authentication reads until they enable it.</summary>
    public const string TwoFactorRequired =
        "This workspace requires two-factor authentication; enable it at POST /api/v1/me/two-factor "
        + "(in the web app: /me/security), then try again.";

    /// <summary>
    /// The answer when the caller may not act: 404 when they cannot see <paramref name="what"/> at all,
    /// 403 when they can see it but their role lacks <paramref name="permission"/>, or the workspace requires two-factor
    /// authentication they have not enabled; null when they may go on.
    /// </summary>
    public static ProblemDetails? Deny(Membership? membership, string what, Permission permission = Permission.Read) =>
        membership is null ? Problems.NotFound(what)
        : membership.TwoFactorMissing ? Problems.Forbidden(TwoFactorRequired)
        : membership.Can(permission) ? null
        : Problems.Forbidden($"Your role in this workspace ({membership.Role.Name()}) does not allow this.");

    /// <summary>
    /// 409 when the project (of the task) is archived, and so read-only; null otherwise. Call it after
    /// <see cref="Deny"/> in the Validate of every slice that changes a project's tasks.
    /// </summary>
    public static ProblemDetails? DenyArchived(Membership? membership) =>
        membership is { ProjectArchived: true } ? Problems.Conflict("The project is archived and read-only. Unarchive it first.") : null;

    private async Task<Membership?> InProjectAsync(Guid projectId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var userId = caller.UserId();
        var project = await cache.GetOrCreateAsync(
            CacheKeys.ProjectState(projectId),
            c => QueryOneAsync<ProjectState?>(ProjectStateSql, new { id = projectId }, c),
            ct
        );
        if (project is null or { Deleted: true })
        {
            return null;
        }

        // Cached as a record holding the enum, never as a string: a cached "not a member" must come back as null from
        // every cache layer. The two-factor requirement comes with the role in the same query; enabling or disabling
        // two-factor and changing the requirement drop these entries.
        var member = await cache.GetOrCreateAsync(
            CacheKeys.Role(project.WorkspaceId, userId),
            async c =>
                await QueryOneAsync<(string Role, bool TwoFactorMissing)?>(RoleSql, new { project.WorkspaceId, userId }, c) is { } row
                    ? new MemberFacts(WorkspaceRoles.Parse(row.Role), row.TwoFactorMissing)
                    : null,
            ct
        );
        return member is not null && caller.Reaches(project.WorkspaceId)
            ? new Membership(project.WorkspaceId, projectId, userId, member.Role, project.Archived, member.TwoFactorMissing)
            : null;
    }

    private async ValueTask<T> QueryOneAsync<T>(string sql, object args, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct)))!;
    }

    /// <summary>A token limited to other workspaces finds nothing here, as a non-member does.</summary>
    private async Task<Membership?> QueryAsync(string sql, Guid id, ClaimsPrincipal caller, CancellationToken ct) =>
        (await QueryOneAsync<MembershipRow?>(sql, new { id, userId = caller.UserId() }, ct)) is { } row && caller.Reaches(row.WorkspaceId)
            ? row.ToMembership()
            : null;

    /// <summary>A membership as the access queries return it; the role is parsed, so an unknown one fails loudly.</summary>
    private sealed record MembershipRow(
        Guid WorkspaceId,
        Guid? ProjectId,
        Guid UserId,
        string Role,
        bool ProjectArchived,
        bool TwoFactorMissing
    )
    {
        public Membership ToMembership() =>
            new(WorkspaceId, ProjectId, UserId, WorkspaceRoles.Parse(Role), ProjectArchived, TwoFactorMissing);
    }
}

/// <summary>Cached: which workspace and project a task is in.</summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands out the cached instance instead of deserializing a copy per read
public sealed record TaskHome(Guid WorkspaceId, Guid ProjectId);

/// <summary>Cached: a project's workspace and state; invalidated by the project lifecycle events.</summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands out the cached instance instead of deserializing a copy per read
public sealed record ProjectState(Guid WorkspaceId, bool Archived, bool Deleted);
