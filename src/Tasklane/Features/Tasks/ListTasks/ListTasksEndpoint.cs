using System.Globalization;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.ListTasks;

public static class ListTasksEndpoint
{
    /// <summary>One query per sort, direction and set of join filters, built once from the templates and this fixed table.</summary>
    private static readonly Dictionary<(TaskSort, bool Descending, bool ByAssignee, bool ByLabel, bool ByField), string> Queries = Build();

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(HttpRequest request, Membership? membership)
    {
        if (Access.Deny(membership, "The project") is { } denied)
        {
            return denied;
        }

        TaskListQuery.Parse(request.Query, out var errors);
        return errors.ToProblem();
    }

    /// <summary>
    /// A project's tasks, filtered and sorted, a keyset page at a time: the cursor carries the last task's sort key
    /// and id, so every page is an index seek however deep it is.
    /// </summary>
    [WolverineGet("/projects/{projectId}/tasks")]
    [QueryParameters(typeof(TaskListParameters))]
    public static async Task<Page<TaskResponse>> Get(
        HttpRequest request,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    )
    {
        var query = TaskListQuery.Parse(request.Query, out _);
        await using var connection = await reads.OpenAsync(caller, ct);
        return await RunAsync(connection, membership.ProjectId!.Value, query, ct);
    }

    /// <summary>One page of a project's tasks for a parsed query: the list's, and a saved view's.</summary>
    public static async Task<Page<TaskResponse>> RunAsync(
        NpgsqlConnection connection,
        Guid projectId,
        TaskListQuery query,
        CancellationToken ct
    )
    {
        var after = query.After;
        var rows = (
            await connection.QueryAsync<TaskResponse>(
                new CommandDefinition(
                    Queries[
                        (query.Sort, query.Descending, query.AssigneeId is not null, query.LabelId is not null, query.FieldId is not null)
                    ],
                    new
                    {
                        ProjectId = projectId,
                        // One status as a scalar, so a single column of the board can use (project_id, status, position, id).
                        // Names, not values: Dapper's handlers do not reach into arrays (nor into a null scalar's type).
                        status = query.Statuses is [var one] ? one.Name : null,
                        statuses = query.Statuses is { Length: > 1 } ? query.Statuses.Select(s => s.Name).ToArray() : null,
                        priorities = query.Priorities?.Select(p => p.Name).ToArray(),
                        query.StatusId,
                        query.AssigneeId,
                        query.LabelId,
                        query.ParentId,
                        query.DueBefore,
                        query.DueAfter,
                        q = query.Q is null ? null : $"%{EscapeLike(query.Q)}%",
                        query.Blocked,
                        query.HasOpenBlockers,
                        afterId = after?.Id,
                        // createdAt and an undated dueAt cursor compare ids only; a customField cursor's key is read back by id.
                        afterKey = after?.Key is CustomFieldKey ? null : after?.Key,
                        inUndated = after is { Sort: TaskSort.DueAt, Key: null },
                        inUnvalued = after is { Key: CustomFieldKey { Valued: false } },
                        query.SortFieldId,
                        query.FieldId,
                        fieldText = query.FieldValue,
                        fieldNum = FieldNumber(query.FieldValue),
                        fieldRef = Guid.TryParse(query.FieldValue, out var fieldRef) ? fieldRef : (Guid?)null,
                        take = query.Limit + 1,
                    },
                    cancellationToken: ct
                )
            )
        ).AsList();

        return rows.Count > query.Limit
            ? new Page<TaskResponse>(
                rows.Take(query.Limit).ToList(),
                TaskCursors.Encode(
                    new TaskCursor(query.Sort, query.Descending, TaskCursors.KeyOf(query, rows[query.Limit - 1]), rows[query.Limit - 1].Id)
                )
            )
            : new Page<TaskResponse>(rows, null);
    }

    /// <summary>
    /// A filter value as a number field or a checkbox (1 or 0) holds it; the field's type picks the column that matches,
    /// so the query needs no lookup of it.
    /// </summary>
    private static decimal? FieldNumber(string? value) =>
        value switch
        {
            "true" => 1,
            "false" => 0,
            _ when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static Dictionary<(TaskSort, bool, bool, bool, bool), string> Build()
    {
        var filters = Sql.Load(typeof(ListTasksEndpoint), "ListTasksFilters.sql").TrimEnd();
        var assignee = Sql.Load(typeof(ListTasksEndpoint), "AssigneeFilter.sql");
        var label = Sql.Load(typeof(ListTasksEndpoint), "LabelFilter.sql");
        var field = Sql.Load(typeof(ListTasksEndpoint), "FieldFilter.sql");
        var idBound = Sql.Load(typeof(ListTasksEndpoint), "IdBound.sql").Trim();
        var byKey = Sql.Load(typeof(ListTasksEndpoint), "ListTasks.sql");
        var byCreatedAt = Sql.Load(typeof(ListTasksEndpoint), "ListTasksByCreatedAt.sql");
        var byDueAt = Sql.Load(typeof(ListTasksEndpoint), "ListTasksByDueAt.sql");
        var byCustomField = Sql.Load(typeof(ListTasksEndpoint), "ListTasksByCustomField.sql");
        var keys = new Dictionary<TaskSort, (string Template, string Key)>
        {
            // UUIDv7 ids are in creation order, so the id is the key (and the cursor holds the id only).
            [TaskSort.CreatedAt] = (byCreatedAt, "t.id"),
            [TaskSort.Position] = (byKey, "t.position"),
            [TaskSort.Priority] = (byKey, "t.priority_rank"),
            [TaskSort.UpdatedAt] = (byKey, "t.updated_at"),
            [TaskSort.DueAt] = (byDueAt, "t.due_at"),
            // The key column depends on the field's type: the template has a part for each ({key} unused).
            [TaskSort.CustomField] = (byCustomField, ""),
        };

        var queries = new Dictionary<(TaskSort, bool, bool, bool, bool), string>();
        bool[] both = [false, true];
        var flags = both.SelectMany(d => both.SelectMany(a => both.SelectMany(l => both.Select(f => (d, a, l, f)))));
        foreach (var (sort, (template, key)) in keys)
        {
            foreach (var (descending, byAssignee, byLabel, byField) in flags)
            {
                queries[(sort, descending, byAssignee, byLabel, byField)] = TaskResponse
                    .WithColumns(template)
                    .Replace(
                        "{filters}",
                        filters
                            .Replace("{assignee}", byAssignee ? assignee : "")
                            .Replace("{label}", byLabel ? label : "")
                            .Replace("{field}", byField ? field : "")
                    )
                    .Replace("{idBound}", sort == TaskSort.CreatedAt ? idBound : "")
                    .Replace("{key}", key)
                    .Replace("{cmp}", descending ? "<" : ">")
                    .Replace("{dir}", descending ? "desc" : "asc");
            }
        }

        return queries;
    }
}
