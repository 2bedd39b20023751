using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Imports;

/// <summary>
/// An import job. <see cref="Status"/>: queued, running, succeeded or failed (<see cref="Error"/> says why; nothing was
/// written unless <c>skipBadRows</c> was set). <see cref="Processed"/> of <see cref="Total"/> rows are done (total is known
/// once the file has been checked). <see cref="Errors"/> lists bad rows (the first 100); <see cref="Preview"/> says what
/// the import creates, and is all a dry run does. <see cref="ProjectId"/> is the project it creates (not for a dry run).
/// </summary>
public sealed record ImportResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: OneOf(typeof(ImportRules), nameof(ImportRules.Sources))] string Source,
    [property: OneOf(typeof(ImportRules), nameof(ImportRules.Statuses))] string Status,
    bool DryRun,
    Guid? ProjectId,
    long Processed,
    long? Total,
    long Created,
    [property: MaxLength(ImportRules.MaxErrorsReported)] IReadOnlyList<ImportRowError> Errors,
    [property: MaxLength(ImportRules.TextMax)] string? Error,
    ImportPreview? Preview,
    Guid RequestedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt
);

/// <summary>A bad row: its number (the line it starts on in a CSV file, the task's place in a JSON file) and why.</summary>
public sealed record ImportRowError(long Row, [property: MaxLength(ImportRules.TextMax)] string Reason);

/// <summary>A name in the file (a person, a label, a status) or a warning, and how many rows have it.</summary>
public sealed record ImportName([property: MaxLength(ImportRules.TextMax)] string Name, long Rows);

/// <summary>
/// What the import creates: one project, its tasks (sub-tasks among them), comments and new labels; the rows it leaves
/// out; people, statuses and priorities it found no match for (the tasks are left unassigned, todo and normal), labels
/// it creates, warnings about what it cannot carry over, and the people it invites (with <c>inviteUnknownPeople</c>: their
/// tasks are assigned to them when they accept).
/// </summary>
public sealed record ImportPreview(
    int Projects,
    long Tasks,
    long SubTasks,
    long Comments,
    long Labels,
    long BadRows,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> UnmappedUsers,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> NewLabels,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> UnmappedStatuses,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> UnmappedPriorities,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> Warnings,
    [property: MaxLength(ImportRules.MaxNamesReported)] IReadOnlyList<ImportName> InvitedPeople
);
