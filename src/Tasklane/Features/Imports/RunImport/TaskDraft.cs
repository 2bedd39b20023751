using Tasklane.Features.Tasks;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// A row ready to write, with what could not be matched (reported in the preview). <see cref="Invitees"/>: assignees who
/// are not members, by their email address (as written; matched without regard to case), when the import invites them.
/// <see cref="StatusName"/>: the column the file names (a Trello list), which becomes a status of the project; null for a bare
/// category ("todo") or none.
/// </summary>
public sealed record TaskDraft(
    long Row,
    string Key,
    string? ParentKey,
    string Title,
    string? Description,
    StatusCategory Status,
    TaskPriority Priority,
    double? Position,
    DateTime? StartAt,
    DateTime? DueAt,
    int? Estimate,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    Guid[] AssigneeIds,
    string[] Invitees,
    string[] Labels,
    IReadOnlyList<CommentDraft> Comments,
    int Attachments,
    IReadOnlyList<string> UnmappedUsers,
    string? UnmappedStatus,
    string? UnmappedPriority,
    string? StatusName = null
);

/// <summary>A comment to write; <see cref="AuthorId"/> null means the importing user (its author is no member).</summary>
public sealed record CommentDraft(Guid? AuthorId, string Body, DateTime? CreatedAt, DateTime? EditedAt);
