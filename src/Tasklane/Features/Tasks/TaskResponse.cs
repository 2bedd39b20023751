namespace Tasklane.Features.Tasks;

/// <summary>A task as stored and as the API returns it. <see cref="Version"/> is the ETag.</summary>
public sealed record TaskResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    string Title,
    string? Description,
    string Status,
    string Priority,
    DateTime? DueAt,
    Guid? AssigneeId,
    double Position,
    int Version,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public string ETag() => $"\"{Version}\"";
}

public static class TaskRules
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 10_000;
    public static readonly string[] Statuses = ["todo", "in_progress", "done"];
    public static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    /// <summary>Gap between consecutive positions when a task joins the end of a column.</summary>
    public const double PositionStep = 1024;
}
