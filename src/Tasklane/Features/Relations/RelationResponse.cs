using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Tasks;

namespace Tasklane.Features.Relations;

/// <summary>
/// One relation of a task, as that task sees it: it <see cref="Type"/> the other task (<see cref="TaskId"/>), shown with the
/// title and status it has now.
/// </summary>
public sealed record RelationResponse(
    Guid Id,
    RelationType Type,
    Guid TaskId,
    Guid ProjectId,
    [property: MaxLength(TaskRules.TitleMax)] string Title,
    StatusCategory Status,
    DateTime CreatedAt
);
