using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Tasks;

/// <summary>
/// A task as stored and as the API returns it. <see cref="Version"/> is the ETag. Assignee and label ids are
/// sets, sorted by id; <see cref="AssigneeId"/> is the first assignee, kept for clients of the single-assignee API.
/// <see cref="SubTaskCount"/> and <see cref="DoneSubTaskCount"/>: the task's own sub-tasks (not theirs), and how many of
/// them are done: its progress. <see cref="StatusId"/> is the task's column: one of its project's statuses, whose category
/// is <see cref="Status"/>.
/// </summary>
public sealed record TaskResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid? ParentId,
    [property: MaxLength(TaskRules.TitleMax)] string Title,
    [property: MaxLength(TaskRules.DescriptionMax)] string? Description,
    StatusCategory Status,
    TaskPriority Priority,
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
    DateTime UpdatedAt,
    [property: Range(0, int.MaxValue)] int SubTaskCount = 0,
    [property: Range(0, int.MaxValue)] int DoneSubTaskCount = 0,
    Guid StatusId = default,
    Dictionary<Guid, JsonElement>? CustomFields = null
)
{
    /// <summary>The task's custom field values by field id (none: <c>{}</c>), as the field's type has them.</summary>
    public Dictionary<Guid, JsonElement> CustomFields { get; init; } = CustomFields ?? [];

    private static readonly string Columns = Sql.Load(typeof(TaskResponse), "TaskResponseColumns.sql").Trim();

    /// <summary>
    /// The row shape before assignees, labels, start, estimate and parent existed. Dapper picks the constructor
    /// matching a query's columns, so a query that selects only the original columns still maps (labels then
    /// read as none); select the full set (<see cref="WithColumns"/>) to get everything.
    /// </summary>
    public TaskResponse(
        Guid id,
        Guid workspaceId,
        Guid projectId,
        string title,
        string? description,
        StatusCategory status,
        TaskPriority priority,
        DateTime? dueAt,
        Guid? assigneeId,
        double position,
        int version,
        Guid createdBy,
        DateTime createdAt,
        DateTime updatedAt
    )
        : this(
            id,
            workspaceId,
            projectId,
            null,
            title,
            description,
            status,
            priority,
            null,
            dueAt,
            null,
            assigneeId,
            assigneeId is { } a ? [a] : [],
            [],
            position,
            version,
            createdBy,
            createdAt,
            updatedAt
        ) { }

    /// <summary>
    /// <paramref name="sql"/> with <c>{columns}</c> as the select list of a whole task from <c>tasks t</c>
    /// (TaskResponseColumns.sql): the one copy of that list the task queries share.
    /// </summary>
    public static string WithColumns(string sql) => sql.Replace("{columns}", Columns, StringComparison.Ordinal);

    public string ETag() => $"\"{Version}\"";
}
