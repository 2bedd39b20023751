using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Tasks;

/// <summary>
/// A saved view as created or replaced. <c>query</c>: the filters and sort of <c>GET /projects/{projectId}/tasks</c> as a
/// query string (e.g. <c>status=todo,in_progress&amp;sort=dueAt</c>; empty for all tasks), without <c>limit</c> or
/// <c>after</c>. <c>layout</c>: list (default) or board. <c>shared</c>: visible to every member (default false: yours).
/// </summary>
public sealed record SavedViewRequest(
    [property: MaxLength(SavedViewRules.NameMax)] string? Name,
    [property: MaxLength(SavedViewRules.QueryMax)] string? Query = null,
    ViewLayout? Layout = null,
    bool? Shared = null
);
