using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Labels;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Statuses;

/// <summary>
/// The rules every writer of statuses or of a task's column shares: a project keeps at least one status per category (so a
/// category always names a column: see 0026_project_statuses.sql), and a column at its WIP limit takes no more tasks unless the
/// caller overrides it and may.
/// </summary>
public static class StatusRules
{
    public const int NameMax = 50;
    public const int MaxPerProject = 30;
    public const int WipLimitMax = 10_000;

    /// <summary>The permission that may push a column past its WIP limit.</summary>
    public const Permission OverrideWip = Permission.ManageProjects;

    private static readonly string LockSql = Sql.Load(typeof(StatusRules), "LockStatus.sql");
    private static readonly string FindSql = Sql.Load(typeof(StatusRules), "FindStatus.sql");
    private static readonly string OthersInCategorySql = Sql.Load(typeof(StatusRules), "OthersInCategory.sql");
    private static readonly string CountColumnSql = Sql.Load(typeof(StatusRules), "CountColumn.sql");

    /// <summary>The project's status, locked for update until the transaction ends; null when there is none.</summary>
    public static Task<StatusResponse?> LockAsync(OutboxTransaction tx, Guid projectId, Guid statusId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<StatusResponse>(LockSql, new { projectId, statusId }, ct);

    /// <summary>
    /// The column a task goes to: <paramref name="statusId"/> when given, else the project's first status of
    /// <paramref name="category"/>. Null when <paramref name="statusId"/> is not a status of the project.
    /// </summary>
    public static Task<StatusResponse?> FindAsync(
        OutboxTransaction tx,
        Guid projectId,
        Guid? statusId,
        StatusCategory? category,
        CancellationToken ct
    ) =>
        tx.QuerySingleOrDefaultAsync<StatusResponse>(
            FindSql,
            new
            {
                projectId,
                statusId,
                category,
            },
            ct
        );

    /// <summary>
    /// 400 when the column a request named is not one (<paramref name="column"/> is what <see cref="FindAsync"/> found for its
    /// <paramref name="statusId"/> and <paramref name="category"/>), or when it named both and they disagree.
    /// </summary>
    public static ProblemDetails? CheckColumn(Guid? statusId, StatusCategory? category, StatusResponse? column) =>
        column is null ? new FieldErrors().Add("statusId", "Must be a status of the task's project.").ToProblem()
        : statusId is not null && category is { } named && named != column.Category
            ? new FieldErrors().Add("status", $"Must be the category of statusId ({column.Category}), or left out.").ToProblem()
        : null;

    /// <summary>409 when <paramref name="status"/> is the last of its category, which the project must keep.</summary>
    public static async Task<ProblemDetails?> KeepsCategoryAsync(OutboxTransaction tx, StatusResponse status, CancellationToken ct) =>
        await tx.QuerySingleAsync<int>(
            OthersInCategorySql,
            new
            {
                status.ProjectId,
                status.Id,
                status.Category,
            },
            ct
        ) > 0
            ? null
            : Problems.Conflict(
                $"\"{status.Name}\" is the project's last status in the category {status.Category}; a project keeps one in each category."
            );

    /// <summary>
    /// Whether <paramref name="arriving"/> more tasks may enter the column: always without a WIP limit; within it, after
    /// locking the status so concurrent arrivals count one after another; past it only when the caller asked to override
    /// (409 otherwise) and may (403 otherwise).
    /// </summary>
    public static async Task<ProblemDetails?> AdmitAsync(
        OutboxTransaction tx,
        StatusResponse column,
        int arriving,
        bool overrideLimit,
        Membership membership,
        CancellationToken ct
    )
    {
        if (column.WipLimit is not { } limit || arriving == 0)
        {
            return null;
        }

        await LockAsync(tx, column.ProjectId, column.Id, ct);
        var count = await tx.QuerySingleAsync<int>(CountColumnSql, new { column.ProjectId, StatusId = column.Id }, ct);
        if (count + arriving <= limit)
        {
            return null;
        }

        if (!overrideLimit)
        {
            return Problems.Conflict(
                $"\"{column.Name}\" holds {count} of its WIP limit of {limit} tasks. Send overrideWipLimit: true to exceed it."
            );
        }

        return membership.Can(OverrideWip) ? null : Problems.Forbidden("Only admins and owners may exceed a status' WIP limit.");
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, which rewrites a status' tasks and returns them (<see cref="StatusTaskRow"/>): their cached
    /// copies go stale, and so do their parents', whose progress may change with the category.
    /// </summary>
    public static async Task RewriteTasksAsync(OutboxTransaction tx, string sql, object args, CancellationToken ct)
    {
        var rows = (await tx.QueryAsync<StatusTaskRow>(sql, args, ct)).ToList();
        tx.Invalidate(rows.Select(t => CacheKeys.Task(t.Id)));
        SubTasks.ProgressChanged(tx, rows.Select(t => t.ParentId));
    }

    /// <summary>Name (required when <paramref name="required"/>, else only when sent), colour "#rrggbb" and WIP limit.</summary>
    public static FieldErrors CheckStatus(this FieldErrors errors, string? name, string? color, int? wipLimit, bool required) =>
        errors
            .Check(name, color, required)
            .Check("wipLimit", wipLimit is null or (>= 1 and <= WipLimitMax), $"Must be between 1 and {WipLimitMax}, or null for none.");
}
