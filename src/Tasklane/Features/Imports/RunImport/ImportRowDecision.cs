using System.Net.Mail;
using Tasklane.Features.Auth;
using Tasklane.Features.Comments;
using Tasklane.Features.Labels;
using Tasklane.Features.Statuses;
using Tasklane.Features.Tasks;

namespace Tasklane.Features.Imports.RunImport;

/// <remarks>Called by the worker's handler, not routed as a message.</remarks>
public static class ImportRowDecision
{
    /// <summary>Longest key (an id in the file) a row may have.</summary>
    public const int KeyMax = 200;

    /// <summary>Most comments on one task (ids leave room for this many per task).</summary>
    public const int CommentsMax = 65_535;

    /// <summary>Status names other trackers use, by the category they mean; a mapping in the request comes first.</summary>
    private static readonly Dictionary<string, StatusCategory> KnownStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["to do"] = StatusCategory.Todo,
        ["todo"] = StatusCategory.Todo,
        ["open"] = StatusCategory.Todo,
        ["backlog"] = StatusCategory.Todo,
        ["new"] = StatusCategory.Todo,
        ["selected for development"] = StatusCategory.Todo,
        ["reopened"] = StatusCategory.Todo,
        ["in progress"] = StatusCategory.InProgress,
        ["in_progress"] = StatusCategory.InProgress,
        ["in review"] = StatusCategory.InProgress,
        ["review"] = StatusCategory.InProgress,
        ["doing"] = StatusCategory.InProgress,
        ["done"] = StatusCategory.Done,
        ["closed"] = StatusCategory.Done,
        ["resolved"] = StatusCategory.Done,
        ["complete"] = StatusCategory.Done,
        ["completed"] = StatusCategory.Done,
    };

    private static readonly Dictionary<string, TaskPriority> KnownPriorities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lowest"] = TaskPriority.Low,
        ["low"] = TaskPriority.Low,
        ["minor"] = TaskPriority.Low,
        ["trivial"] = TaskPriority.Low,
        ["normal"] = TaskPriority.Normal,
        ["medium"] = TaskPriority.Normal,
        ["high"] = TaskPriority.High,
        ["major"] = TaskPriority.High,
        ["highest"] = TaskPriority.Urgent,
        ["urgent"] = TaskPriority.Urgent,
        ["critical"] = TaskPriority.Urgent,
        ["blocker"] = TaskPriority.Urgent,
    };

    /// <summary>The task to write, or why the row cannot be imported.</summary>
    public static (TaskDraft? Draft, string? Error) Decide(SourceRow row, ImportDirectory directory)
    {
        if (row.Problem is { } problem)
        {
            return (null, problem);
        }

        var title = row.Title?.Trim();
        var error =
            string.IsNullOrEmpty(title) ? "The title is empty."
            : title.Length > TaskRules.TitleMax ? $"The title is {title.Length} characters long; at most {TaskRules.TitleMax}."
            : row.Description?.Length > TaskRules.DescriptionMax
                ? $"The description is {row.Description.Length} characters long; at most {TaskRules.DescriptionMax}."
            : row.Key.Length > KeyMax || row.ParentKey?.Length > KeyMax ? $"The id or parent id is longer than {KeyMax} characters."
            : row.Estimate is < 0 or > TaskRules.EstimateMax ? $"The estimate must be minutes between 0 and {TaskRules.EstimateMax}."
            : row.StartAt > row.DueAt ? "The start date is after the due date."
            : row.Labels.FirstOrDefault(l => l.Trim().Length > LabelRules.NameMax) is { } longLabel
                ? $"The label \"{ImportRules.Cut(longLabel)}\" is longer than {LabelRules.NameMax} characters."
            : row.Labels.Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() > TaskRules.LabelsMax
                ? $"More than {TaskRules.LabelsMax} labels."
            : row.Comments.Count > CommentsMax ? $"More than {CommentsMax} comments."
            : row.Comments.FirstOrDefault(c => c.Body?.Length > CommentRules.BodyMax) is not null
                ? $"A comment is longer than {CommentRules.BodyMax} characters."
            : null;
        if (error is not null)
        {
            return (null, error);
        }

        var unmapped = new List<string>();
        var assignees = new List<Guid>();
        var invitees = new List<string>();
        foreach (var person in row.Assignees.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (User(person, directory) is { } id)
            {
                assignees.Add(id);
            }
            else if (directory.InviteUnknownPeople && Invitee(person, directory) is { } email)
            {
                invitees.Add(email);
            }
            else
            {
                unmapped.Add(person);
            }
        }

        var assigneeIds = TaskRules.IdSet(assignees);
        var inviteeEmails = invitees.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (assigneeIds.Length + inviteeEmails.Length > TaskRules.AssigneesMax)
        {
            return (null, $"More than {TaskRules.AssigneesMax} assignees.");
        }

        var (status, unmappedStatus) = Status(row.Status, directory.Mapping);
        var (priority, unmappedPriority) = Priority(row.Priority, directory.Mapping);
        var comments = new List<CommentDraft>(row.Comments.Count);
        foreach (var comment in row.Comments.Where(c => !string.IsNullOrWhiteSpace(c.Body)))
        {
            Guid? author = null;
            if (comment.Author is { Length: > 0 } name)
            {
                author = User(name.Trim(), directory);
                if (author is null)
                {
                    unmapped.Add(name.Trim());
                }
            }

            comments.Add(new CommentDraft(author, comment.Body!, comment.CreatedAt, comment.EditedAt));
        }

        return (
            new TaskDraft(
                row.Row,
                row.Key,
                string.IsNullOrEmpty(row.ParentKey) ? null : row.ParentKey,
                title!,
                string.IsNullOrEmpty(row.Description) ? null : row.Description,
                status,
                priority,
                row.Position,
                row.StartAt,
                row.DueAt,
                (int?)row.Estimate,
                row.CreatedAt,
                row.UpdatedAt,
                assigneeIds,
                inviteeEmails,
                row.Labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                comments,
                row.Attachments,
                unmapped,
                unmappedStatus,
                unmappedPriority,
                ColumnName(row.Status)
            ),
            null
        );
    }

    private static Guid? User(string person, ImportDirectory directory) =>
        directory.MembersByEmail.TryGetValue(Email(person, directory), out var id) ? id
        : directory.MembersByName.TryGetValue(person, out var byName) ? byName
        : null;

    /// <summary>The address to invite someone who is not a member by: the mapped one, or the person when written as an address.</summary>
    private static string? Invitee(string person, ImportDirectory directory) =>
        Email(person, directory) is var email
        && email.Length <= UserRules.EmailMax
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
            ? email
            : null;

    private static string Email(string person, ImportDirectory directory) =>
        directory.Mapping.Users?.FirstOrDefault(u => string.Equals(u.Key, person, StringComparison.OrdinalIgnoreCase)).Value ?? person;

    /// <summary>A status name that can name a column of its own: not empty, not a bare category ("in_progress"), short enough.</summary>
    public static string? ColumnName(string? name) =>
        name?.Trim() is { Length: > 0 and <= StatusRules.NameMax } trimmed
        && !StatusCategory.All.Any(c => string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ? trimmed
            : null;

    /// <summary>The category a status means, or todo and the name when nothing maps it.</summary>
    public static (StatusCategory Status, string? Unmapped) Status(string? name, ImportMapping mapping)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (StatusCategory.Todo, null);
        }

        if (
            mapping.Statuses?.FirstOrDefault(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } mapped
            && StatusCategory.TryParse(mapped, out var fromMapping)
        )
        {
            return (fromMapping, null);
        }

        return KnownStatuses.TryGetValue(name, out var known) ? (known, null) : (StatusCategory.Todo, name);
    }

    /// <summary>The priority a name means, or normal and the name when nothing maps it.</summary>
    public static (TaskPriority Priority, string? Unmapped) Priority(string? name, ImportMapping mapping)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (TaskPriority.Normal, null);
        }

        if (
            mapping.Priorities?.FirstOrDefault(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } mapped
            && TaskPriority.TryParse(mapped, out var fromMapping)
        )
        {
            return (fromMapping, null);
        }

        return KnownPriorities.TryGetValue(name, out var known) ? (known, null) : (TaskPriority.Normal, name);
    }
}
