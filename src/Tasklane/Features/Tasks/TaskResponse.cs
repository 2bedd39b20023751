using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Tasks;

/// <summary>
/// A task as stored and as the API returns it. <see cref="Version"/> is the ETag. Assignee and label ids are
/// sets, sorted by id; <see cref="AssigneeId"/> is the first assignee, kept for clients of the single-assignee API.
/// </summary>
public sealed record TaskResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid? ParentId,
    [property: MaxLength(TaskRules.TitleMax)] string Title,
    [property: MaxLength(TaskRules.DescriptionMax)] string? Description,
    [property: OneOf(typeof(TaskRules), nameof(TaskRules.Statuses))] string Status,
    [property: OneOf(typeof(TaskRules), nameof(TaskRules.Priorities))] string Priority,
    DateTime? StartAt,
    DateTime? DueAt,
    [property: Range(0, TaskRules.EstimateMax)] int? Estimate,
    Guid? AssigneeId,
    [property: MaxLength(TaskRules.AssigneesMax)] Guid[] AssigneeIds,
    [property: MaxLength(TaskRules.LabelsMax)] Guid[] LabelIds,
    double Position,
    int Version,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    private static readonly string Columns = Sql.Load(typeof(TaskResponse), "TaskResponseColumns.sql").Trim();

    /// <summary>
    /// The row shape before assignees, labels, start, estimate and parent existed. Dapper picks the constructor
    /// matching a query's columns, so a query that selects only the original columns still maps (labels then
    /// read as none); select the full set (<see cref="WithColumns"/>) to get everything.
    /// </summary>
    public TaskResponse(
        Guid id, Guid workspaceId, Guid projectId, string title, string? description, string status, string priority,
        DateTime? dueAt, Guid? assigneeId, double position, int version, Guid createdBy, DateTime createdAt, DateTime updatedAt)
        : this(id, workspaceId, projectId, null, title, description, status, priority, null, dueAt, null,
            assigneeId, assigneeId is { } a ? [a] : [], [], position, version, createdBy, createdAt, updatedAt)
    {
    }

    /// <summary>
    /// <paramref name="sql"/> with <c>{columns}</c> as the select list of a whole task from <c>tasks t</c>
    /// (TaskResponseColumns.sql): the one copy of that list the task queries share.
    /// </summary>
    public static string WithColumns(string sql) => sql.Replace("{columns}", Columns, StringComparison.Ordinal);

    public string ETag() => $"\"{Version}\"";
}

public static class TaskRules
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 10_000;
    public const int EstimateMax = 1_000_000; // minutes, about 2 years of full-time work
    public const int AssigneesMax = 20;
    public const int LabelsMax = 20;
    public static readonly string[] Statuses = ["todo", "in_progress", "done"];
    public static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    /// <summary>Gap between consecutive positions when a task joins the end of a column.</summary>
    public const double PositionStep = 1024;

    /// <summary>A set of ids as stored and returned: distinct, sorted.</summary>
    public static Guid[] IdSet(IEnumerable<Guid> ids) => ids.Distinct().Order().ToArray();

    /// <summary>How a set of ids appears in a TaskUpdated change: comma-separated, sorted; null when empty.</summary>
    public static string? IdText(Guid[] ids) => ids.Length == 0 ? null : string.Join(",", ids);
}
