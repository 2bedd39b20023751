using System.Text.RegularExpressions;

namespace Tasklane.Features.Imports;

public static partial class ImportRules
{
    /// <summary>
    /// tasklane: Tasklane's own JSON export ("tasklane-export/1"); csv: generic CSV with a header row; jira: Jira's CSV
    /// export; trello: a Trello board's JSON export.
    /// </summary>
    public static readonly string[] Sources = ["tasklane", "csv", "jira", "trello"];

    /// <summary>The statuses the imports table's check constraint allows (migration 0020).</summary>
    public static readonly string[] Statuses = ["queued", "running", "succeeded", "failed"];

    /// <summary>Deepest nesting a JSON file may have: an export needs 6 (file, tasks, task, comments, comment, author).</summary>
    public const int MaxDepth = 16;

    /// <summary>Longest CSV field, in characters (a description holds at most 10,000; comments are joined in one field).</summary>
    public const int MaxFieldChars = 1024 * 1024;

    /// <summary>Most CSV columns.</summary>
    public const int MaxColumns = 1000;

    /// <summary>Bad rows listed in a job's error report (the count says how many there were).</summary>
    public const int MaxErrorsReported = 100;

    /// <summary>Names listed per unmapped kind in a preview, and warnings listed.</summary>
    public const int MaxNamesReported = 100;

    /// <summary>Longest reason, name or warning in a job (longer ones are cut).</summary>
    public const int TextMax = 500;

    /// <summary>Most entries of each mapping dictionary, and the longest name or value in one.</summary>
    public const int MappingEntriesMax = 500;

    public const int MappingTextMax = 200;

    /// <summary>Most labels one import may create.</summary>
    public const int NewLabelsMax = 1000;

    /// <summary>Most people one import may invite.</summary>
    public const int InviteesMax = 1000;

    /// <summary>The colour of labels an import creates when the file has none.</summary>
    public const string DefaultLabelColor = "#6b7280";

    public const string FileMissing = "The uploaded file is gone from the store. Upload it again and start a new import.";

    public const string WriteFailed =
        "The import could not be written (the database or the object store was unavailable). Start a new import.";

    public static string ObjectKey(Guid workspaceId, Guid uploadId) => $"workspaces/{workspaceId}/imports/{uploadId}";

    /// <summary>Whether <paramref name="key"/> is an upload key of <paramref name="workspaceId"/>: no other object may be imported.</summary>
    public static bool IsUploadKey(Guid workspaceId, string key) =>
        UploadKey().Match(key) is { Success: true } m && Guid.TryParse(m.Groups[1].ValueSpan, out var ws) && ws == workspaceId;

    /// <summary>Cut to <see cref="TextMax"/> characters, never splitting a surrogate pair.</summary>
    public static string Cut(string text) =>
        text.Length <= TextMax ? text : text[..(char.IsHighSurrogate(text[TextMax - 2]) ? TextMax - 2 : TextMax - 1)] + "…";

    [GeneratedRegex("^workspaces/([0-9a-f-]{36})/imports/[0-9a-f-]{36}$")]
    private static partial Regex UploadKey();
}
