using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Tasks;

/// <summary>
/// A saved view: a named task list of a project. <see cref="Query"/> is the query string of
/// <c>GET /projects/{projectId}/tasks</c> (filters and sort, no page), run by <c>GET /views/{id}/tasks</c>.
/// <see cref="Shared"/>: every member who can read the project sees it; otherwise only its owner does.
/// </summary>
public sealed record SavedViewResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid OwnerId,
    [property: MaxLength(SavedViewRules.NameMax)] string Name,
    [property: MaxLength(SavedViewRules.QueryMax)] string Query,
    ViewLayout Layout,
    bool Shared,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    private static readonly string Columns = Sql.Load(typeof(SavedViewResponse), "SavedViewColumns.sql").Trim();

    /// <summary><paramref name="sql"/> with <c>{columns}</c> as the select list of a whole view from <c>saved_views v</c>.</summary>
    public static string WithColumns(string sql) => sql.Replace("{columns}", Columns, StringComparison.Ordinal);

    public string ETag() => $"\"{Version}\"";
}
