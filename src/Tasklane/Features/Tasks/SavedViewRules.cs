using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tasklane.Features.Tasks.ListTasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

public static class SavedViewRules
{
    public const int NameMax = 100;

    public const int QueryMax = 2000;

    /// <summary>The page parameters, which belong to each run of a view, not to the view.</summary>
    private static readonly string[] PageParameters = ["limit", "after"];

    /// <summary>The task list's parameters, as its OpenAPI description names them.</summary>
    private static readonly HashSet<string> Known = typeof(TaskListParameters)
        .GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>400 for a bad name, layout or query (errors of the query under <c>query.{parameter}</c>).</summary>
    public static ProblemDetails Check(SavedViewRequest request) => Errors(request).ToProblem();

    public static FieldErrors Errors(SavedViewRequest request)
    {
        var errors = new FieldErrors()
            .Required("name", request.Name, NameMax)
            .OneOf("layout", request.Layout)
            .MaxLength("query", request.Query, QueryMax);
        if (request.Query is { Length: <= QueryMax } query)
        {
            var parameters = Parameters(query);
            foreach (var name in PageParameters.Where(parameters.ContainsKey))
            {
                errors.Add($"query.{name}", "Is given per run (GET /views/{id}/tasks?limit=…&after=…), not saved.");
            }

            foreach (var name in parameters.Keys.Where(k => !Known.Contains(k)).Take(10))
            {
                errors.Add("query", $"'{(name.Length > 50 ? name[..50] + "…" : name)}' is no parameter of the task list.");
            }

            TaskListQuery.Parse(new QueryCollection(parameters), out var queryErrors);
            errors.AddAll("query", queryErrors);
        }

        return errors;
    }

    private static readonly string Lock = SavedViewResponse.WithColumns(Sql.Load(typeof(SavedViewRules), "LockSavedView.sql"));

    /// <summary>
    /// The one way a writer of views reads the view: locked until the transaction ends, or why it may not change it (404
    /// gone, 403 unless the caller owns it or it is shared and they are an admin, 412 for a stale If-Match).
    /// </summary>
    public static async Task<(SavedViewResponse? View, ProblemDetails? Refused)> LockForChangeAsync(
        OutboxTransaction tx,
        Guid viewId,
        Membership membership,
        HttpRequest http,
        CancellationToken ct
    ) =>
        await tx.QuerySingleOrDefaultAsync<SavedViewResponse>(Lock, new { ViewId = viewId }, ct) switch
        {
            null => (null, Problems.NotFound("The view")),
            var view when view.OwnerId != membership.UserId && !(view.Shared && membership.Can(Permission.ManageProjects)) => (
                null,
                Problems.Forbidden("Only the view's owner, or an admin for a shared view, may change it.")
            ),
            var view => Preconditions.Stale(http, "The view", view.Version) is { } stale ? (null, stale) : (view, null),
        };

    /// <summary>Only members may share a view with everyone; a viewer keeps views for themselves.</summary>
    public static ProblemDetails? DenyShared(SavedViewRequest request, Membership membership) =>
        request.Shared == true && !membership.Can(Permission.WriteContent)
            ? Problems.Forbidden("A viewer's views are their own: sharing one takes the member role.")
            : null;

    /// <summary>The view's query with a run's page parameters: what the task list parses.</summary>
    public static IQueryCollection RunQuery(string query, IQueryCollection run)
    {
        var parameters = Parameters(query);
        foreach (var name in PageParameters.Where(run.ContainsKey))
        {
            parameters[name] = run[name];
        }

        return new QueryCollection(parameters);
    }

    /// <summary>The request's query, as stored: trimmed, without a leading '?'.</summary>
    public static string Normalize(string? query) => (query ?? "").Trim().TrimStart('?');

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Parameters(string query) =>
        QueryHelpers.ParseQuery(Normalize(query));
}
