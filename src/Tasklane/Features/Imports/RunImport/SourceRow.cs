namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// One task as a file has it, before mapping: names and addresses as written, nothing checked yet except what
/// reading needs. <see cref="Problem"/> is set when the row could not even be read (a date that is no date).
/// </summary>
public sealed record SourceRow(
    long Row,
    string Key,
    string? ParentKey,
    string? Title,
    string? Description,
    string? Status,
    string? Priority,
    double? Position,
    DateTime? StartAt,
    DateTime? DueAt,
    long? Estimate,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    IReadOnlyList<string> Assignees,
    IReadOnlyList<string> Labels,
    IReadOnlyList<SourceComment> Comments,
    int Attachments,
    string? Problem = null
);

public sealed record SourceComment(string? Author, string? Body, DateTime? CreatedAt, DateTime? EditedAt);

/// <summary>What a file says about the project as a whole: its name and description, and labels with their colours.</summary>
public sealed record SourceHead(string? ProjectName, string? ProjectDescription, IReadOnlyList<SourceLabel> Labels)
{
    public static SourceHead Empty { get; } = new(null, null, []);
}

public sealed record SourceLabel(string Name, string? Color);
