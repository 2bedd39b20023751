using System.Globalization;
using System.Text;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// A CSV file with a header row. Each task field is read from the column the mapping names (default: the field's own
/// name, as Tasklane's CSV export writes it, or Jira's column name for a Jira export); names match without regard to
/// case, and a column that repeats (Jira's Labels, Comment) gives one value per copy. In a generic file, assignees and
/// labels are lists separated by ";".
/// </summary>
public sealed class CsvSource(FileOpener open, IReadOnlyDictionary<string, string>? columns, bool jira) : ImportSource
{
    private static readonly string[] JiraDateFormats =
    [
        "dd/MMM/yy h:mm tt",
        "dd/MMM/yy hh:mm tt",
        "d/MMM/yy h:mm tt",
        "dd/MMM/yyyy h:mm tt",
        "dd/MMM/yy H:mm",
        "dd/MMM/yy",
        "d/MMM/yy",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    public override async IAsyncEnumerable<SourceRow> RowsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        await using var utf8 = await open(ct);
        using var text = new StreamReader(
            utf8,
            new UTF8Encoding(false),
            detectEncodingFromByteOrderMarks: false,
            64 * 1024,
            leaveOpen: true
        );
        var records = new CsvRecords(text);
        var header = await records.NextAsync(ct) ?? throw new ImportFileException("The file is empty: a CSV file needs a header row.");
        var map = Columns(header.Fields);
        if (map[ImportFields.Title].Length == 0)
        {
            throw new ImportFileException(
                $"The file has no \"{ColumnName(ImportFields.Title)}\" column for the task titles (its columns: {ImportRules.Cut(string.Join(", ", header.Fields))})."
            );
        }

        Head = new SourceHead(jira ? "Imported from Jira" : "Imported from CSV", null, []);
        while (await records.NextAsync(ct) is { } record)
        {
            if (record.Fields is [""])
            {
                continue; // a blank line
            }

            yield return Row(record.Line, record.Fields, map);
        }
    }

    private string ColumnName(string field) =>
        columns?.GetValueOrDefault(field) ?? (jira ? ImportFields.Jira.GetValueOrDefault(field) : null) ?? field;

    private Dictionary<string, int[]> Columns(List<string> header) =>
        ImportFields.All.ToDictionary(
            f => f,
            f =>
            {
                var name = ColumnName(f);
                return Enumerable
                    .Range(0, header.Count)
                    .Where(i => string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                    .ToArray();
            }
        );

    private SourceRow Row(long line, List<string> fields, Dictionary<string, int[]> map)
    {
        string? One(string field) => map[field].Select(i => i < fields.Count ? fields[i] : "").FirstOrDefault(v => v.Length > 0);
        List<string> Many(string field) =>
            map[field]
                .Select(i => i < fields.Count ? fields[i] : "")
                .SelectMany(v => jira ? [v.Trim()] : v.Split(';', StringSplitOptions.TrimEntries))
                .Where(v => v.Length > 0)
                .ToList();

        try
        {
            var comments = map[ImportFields.Comments]
                .Select(i => i < fields.Count ? fields[i] : "")
                .Where(v => v.Length > 0)
                .Select(Comment)
                .ToList();
            var estimate = One(ImportFields.Estimate) is { } minutes
                ? long.TryParse(minutes.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)
                    ? m
                    : throw new FormatException($"\"{ImportRules.Cut(minutes)}\" is not a whole number of minutes.")
                : (long?)null;
            return new SourceRow(
                line,
                One(ImportFields.Key)?.Trim() is { Length: > 0 } key ? key : "line " + line.ToString(CultureInfo.InvariantCulture),
                One(ImportFields.Parent)?.Trim(),
                One(ImportFields.Title)?.Trim(),
                One(ImportFields.Description),
                One(ImportFields.Status)?.Trim(),
                One(ImportFields.Priority)?.Trim(),
                Position: null,
                Time(One(ImportFields.StartAt), ImportFields.StartAt),
                Time(One(ImportFields.DueAt), ImportFields.DueAt),
                estimate,
                Time(One(ImportFields.CreatedAt), ImportFields.CreatedAt),
                UpdatedAt: null,
                Many(ImportFields.Assignees),
                Many(ImportFields.Labels),
                comments,
                Attachments: 0
            );
        }
        catch (FormatException e)
        {
            return new SourceRow(
                line,
                "line " + line.ToString(CultureInfo.InvariantCulture),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                [],
                [],
                [],
                0,
                e.Message
            );
        }
    }

    /// <summary>Jira writes "date;author;body"; anything else is the comment's body, by the importer.</summary>
    private SourceComment Comment(string value)
    {
        if (jira && value.Split(';', 3) is [var date, var author, var body] && TryTime(date, out var at))
        {
            return new SourceComment(author.Trim(), body, at, null);
        }

        return new SourceComment(null, value, null, null);
    }

    private DateTime? Time(string? value, string field) =>
        value is null || value.Trim().Length == 0 ? null
        : TryTime(value, out var time) ? time
        : throw new FormatException($"\"{ColumnName(field)}\" is not a date: \"{ImportRules.Cut(value)}\".");

    private static bool TryTime(string value, out DateTime time)
    {
        var text = value.Trim();
        if (
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            || DateTimeOffset.TryParseExact(text, JiraDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)
        )
        {
            time = parsed.UtcDateTime;
            return true;
        }

        time = default;
        return false;
    }
}
