namespace Tasklane.Features.Imports;

/// <summary>The task fields a CSV column can map to, with the column names Tasklane's CSV export and Jira's use.</summary>
public static class ImportFields
{
    public const string Key = "id";
    public const string Title = "title";
    public const string Description = "description";
    public const string Status = "status";
    public const string Priority = "priority";
    public const string Assignees = "assignees";
    public const string Labels = "labels";
    public const string StartAt = "start_at";
    public const string DueAt = "due_at";
    public const string Estimate = "estimate_minutes";
    public const string Parent = "parent_id";
    public const string CreatedAt = "created_at";
    public const string Comments = "comments";

    public static readonly string[] All =
    [
        Key,
        Title,
        Description,
        Status,
        Priority,
        Assignees,
        Labels,
        StartAt,
        DueAt,
        Estimate,
        Parent,
        CreatedAt,
        Comments,
    ];

    /// <summary>Jira's CSV export: the issue id is what "Parent id" refers to; labels, comments and watchers repeat their column.</summary>
    public static readonly IReadOnlyDictionary<string, string> Jira = new Dictionary<string, string>
    {
        [Key] = "Issue id",
        [Title] = "Summary",
        [Description] = "Description",
        [Status] = "Status",
        [Priority] = "Priority",
        [Assignees] = "Assignee",
        [Labels] = "Labels",
        [DueAt] = "Due Date",
        [Parent] = "Parent id",
        [CreatedAt] = "Created",
        [Comments] = "Comment",
    };
}
