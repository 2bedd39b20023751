using System.Globalization;
using System.Text.Json;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Tasklane's JSON export ("tasklane-export/1", written by RunExport's JsonFile): <c>format</c> and <c>project</c> come
/// first, then <c>tasks</c>, one object each with assignees and comments by email and labels by name.
/// </summary>
public sealed class TasklaneExportSource(FileOpener open, int maxItemBytes) : ImportSource
{
    public const string FormatName = "tasklane-export/1";

    public override async IAsyncEnumerable<SourceRow> RowsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        string? format = null;
        long row = 0;
        await using var utf8 = await open(ct);
        await foreach (var value in new JsonItemReader(utf8, new HashSet<string> { "tasks" }, maxItemBytes).ReadAsync(ct))
        {
            using var document = value.Document;
            var element = document.RootElement;
            if (value.Item)
            {
                if (format != FormatName)
                {
                    throw new ImportFileException(
                        $"The file is not a Tasklane export: its \"format\" must be \"{FormatName}\", before \"tasks\"."
                    );
                }

                yield return Row(++row, element);
                continue;
            }

            switch (value.Property)
            {
                case "format":
                    format = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
                    if (format != FormatName)
                    {
                        throw new ImportFileException($"The file is not a Tasklane export: its \"format\" must be \"{FormatName}\".");
                    }

                    break;
                case "project" when element.ValueKind == JsonValueKind.Object:
                    Head = new SourceHead(
                        Text(element, "name"),
                        Text(element, "description"),
                        element.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
                            ? labels
                                .EnumerateArray()
                                .Where(l => l.ValueKind == JsonValueKind.Object && Text(l, "name") is not null)
                                .Select(l => new SourceLabel(Text(l, "name")!, Text(l, "color")))
                                .ToList()
                            : []
                    );
                    break;
                case "tasks":
                    throw new ImportFileException("The file's \"tasks\" is not an array.");
            }
        }

        if (format is null)
        {
            throw new ImportFileException($"The file is not a Tasklane export: it has no \"format\": \"{FormatName}\".");
        }
    }

    private static SourceRow Row(long row, JsonElement task)
    {
        if (task.ValueKind != JsonValueKind.Object)
        {
            return Bad(row, "Is not a JSON object.");
        }

        try
        {
            var comments = Array(task, "comments")
                .Select(c => new SourceComment(
                    c.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? Text(author, "email") : null,
                    Text(c, "body"),
                    Time(c, "createdAt"),
                    Time(c, "editedAt")
                ))
                .ToList();
            return new SourceRow(
                row,
                Text(task, "id") ?? row.ToString(CultureInfo.InvariantCulture),
                Text(task, "parentId"),
                Text(task, "title"),
                Text(task, "description"),
                Text(task, "status"),
                Text(task, "priority"),
                task.TryGetProperty("position", out var position) && position.ValueKind == JsonValueKind.Number
                    ? position.GetDouble()
                    : null,
                Time(task, "startAt"),
                Time(task, "dueAt"),
                task.TryGetProperty("estimate", out var estimate) && estimate.ValueKind == JsonValueKind.Number
                    ? estimate.TryGetInt64(out var minutes)
                        ? minutes
                        : throw new FormatException("\"estimate\" is not a whole number of minutes.")
                    : null,
                Time(task, "createdAt"),
                Time(task, "updatedAt"),
                Array(task, "assignees").Select(a => Text(a, "email")).OfType<string>().ToList(),
                Array(task, "labels").Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : null).OfType<string>().ToList(),
                comments,
                Array(task, "attachments").Count()
            );
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return Bad(row, e.Message);
        }
    }

    private static SourceRow Bad(long row, string problem) =>
        new(
            row,
            row.ToString(CultureInfo.InvariantCulture),
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
            problem
        );

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTime? Time(JsonElement element, string name) =>
        Text(element, name) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time.UtcDateTime
                : throw new FormatException($"\"{name}\" is not a date and time: \"{ImportRules.Cut(text)}\".")
            : null;
}
