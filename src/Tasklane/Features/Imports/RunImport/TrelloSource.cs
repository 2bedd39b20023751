using System.Globalization;
using System.Text.Json;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// A Trello board's JSON export (Menu → Print, export and share → Export as JSON): lists become statuses (by name, through
/// the status mapping: "To Do", "Doing", "Done" are known), cards tasks, checklist items sub-tasks (done when complete),
/// labels labels, members assignees (Trello exports no addresses: matched by full name, or through the users mapping),
/// commentCard actions comments, due dates due dates; a card's creation time comes from its id. Trello writes the cards
/// before the lists, checklists and actions, so the file is read twice: first everything but the cards (held in memory:
/// Trello caps a board export at 1,000 actions), then the cards, streamed one at a time.
/// </summary>
public sealed class TrelloSource(FileOpener open, int maxItemBytes) : ImportSource
{
    private static readonly HashSet<string> Arrays = ["lists", "labels", "members", "checklists", "actions", "cards"];

    /// <summary>Trello's label colours.</summary>
    private static readonly Dictionary<string, string> Colors = new()
    {
        ["green"] = "#61bd4f",
        ["yellow"] = "#f2d600",
        ["orange"] = "#ff9f1a",
        ["red"] = "#eb5a46",
        ["purple"] = "#c377e0",
        ["blue"] = "#0079bf",
        ["sky"] = "#00c2e0",
        ["lime"] = "#51e898",
        ["pink"] = "#ff78cb",
        ["black"] = "#344563",
    };

    private sealed record CheckItem(string Id, string Name, bool Complete, double Position);

    public override async IAsyncEnumerable<SourceRow> RowsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        var lists = new Dictionary<string, string>();
        var labels = new Dictionary<string, SourceLabel>();
        var members = new Dictionary<string, string>();
        var checkItems = new Dictionary<string, List<CheckItem>>();
        var comments = new Dictionary<string, List<SourceComment>>();
        string? name = null,
            description = null;
        var cards = false;
        await using (var first = await open(ct))
        {
            await foreach (var value in new JsonItemReader(first, Arrays, maxItemBytes).ReadAsync(ct))
            {
                using var document = value.Document;
                var e = document.RootElement;
                if (!value.Item)
                {
                    switch (value.Property)
                    {
                        case "name":
                            name = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                            break;
                        case "desc":
                            description = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                            break;
                        case var p when Arrays.Contains(p):
                            throw new ImportFileException($"The file is not a Trello board: its \"{p}\" is not an array.");
                    }

                    continue;
                }

                cards |= value.Property == "cards";
                if (e.ValueKind != JsonValueKind.Object || Text(e, "id") is not { } id)
                {
                    continue;
                }

                switch (value.Property)
                {
                    case "lists":
                        lists[id] = Text(e, "name") ?? "";
                        break;
                    case "labels":
                        var color = Text(e, "color");
                        var labelName =
                            Text(e, "name") is { Length: > 0 } n ? n
                            : color is { Length: > 0 } ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(color)
                            : null;
                        if (labelName is not null)
                        {
                            labels[id] = new SourceLabel(labelName.Trim(), color is not null ? Colors.GetValueOrDefault(color) : null);
                        }

                        break;
                    case "members":
                        members[id] = Text(e, "fullName") ?? Text(e, "username") ?? id;
                        break;
                    case "checklists"
                        when Text(e, "idCard") is { } card
                            && e.TryGetProperty("checkItems", out var items)
                            && items.ValueKind == JsonValueKind.Array:
                        var list = checkItems.TryGetValue(card, out var known) ? known : checkItems[card] = [];
                        list.AddRange(
                            items
                                .EnumerateArray()
                                .Where(i => i.ValueKind == JsonValueKind.Object && Text(i, "id") is not null)
                                .Select(i => new CheckItem(
                                    Text(i, "id")!,
                                    Text(i, "name") ?? "",
                                    Text(i, "state") == "complete",
                                    i.TryGetProperty("pos", out var pos) && pos.ValueKind == JsonValueKind.Number ? pos.GetDouble() : 0
                                ))
                        );
                        break;
                    case "actions"
                        when Text(e, "type") == "commentCard"
                            && e.TryGetProperty("data", out var data)
                            && data.ValueKind == JsonValueKind.Object
                            && data.TryGetProperty("card", out var onCard)
                            && Text(onCard, "id") is { } cardId:
                        var author = e.TryGetProperty("memberCreator", out var creator)
                            ? Text(creator, "fullName") ?? Text(creator, "username")
                            : null;
                        (comments.TryGetValue(cardId, out var cardComments) ? cardComments : comments[cardId] = []).Add(
                            new SourceComment(author, Text(data, "text"), Time(e, "date"), null)
                        );
                        break;
                }
            }
        }

        if (!cards)
        {
            throw new ImportFileException("The file is not a Trello board: it has no \"cards\".");
        }

        Head = new SourceHead(name, description, labels.Values.ToList());

        // Trello lists actions newest first; comments read oldest first.
        foreach (var list in comments.Values)
        {
            list.Sort((a, b) => Nullable.Compare(a.CreatedAt, b.CreatedAt));
        }

        long row = 0;
        await using var second = await open(ct);
        await foreach (var value in new JsonItemReader(second, Arrays, maxItemBytes).ReadAsync(ct))
        {
            using var document = value.Document;
            if (!value.Item || value.Property != "cards")
            {
                continue;
            }

            var card = document.RootElement;
            row++;
            if (card.ValueKind != JsonValueKind.Object || Text(card, "id") is not { } id)
            {
                yield return new SourceRow(
                    row,
                    "card " + row.ToString(CultureInfo.InvariantCulture),
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
                    "Is not a card object with an id."
                );
                continue;
            }

            SourceRow task;
            try
            {
                task = new SourceRow(
                    row,
                    id,
                    null,
                    Text(card, "name"),
                    Text(card, "desc") is { Length: > 0 } desc ? desc : null,
                    Text(card, "idList") is { } listId ? lists.GetValueOrDefault(listId) : null,
                    null,
                    card.TryGetProperty("pos", out var pos) && pos.ValueKind == JsonValueKind.Number ? pos.GetDouble() : null,
                    Time(card, "start"),
                    Time(card, "due"),
                    null,
                    Created(id),
                    Time(card, "dateLastActivity"),
                    Ids(card, "idMembers").Select(m => members.GetValueOrDefault(m)).OfType<string>().ToList(),
                    Ids(card, "idLabels").Select(l => labels.GetValueOrDefault(l)?.Name).OfType<string>().ToList(),
                    comments.GetValueOrDefault(id) ?? [],
                    card.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
                        ? attachments.GetArrayLength()
                        : 0
                );
            }
            catch (FormatException e)
            {
                task = new SourceRow(row, id, null, null, null, null, null, null, null, null, null, null, null, [], [], [], 0, e.Message);
            }

            yield return task;
            foreach (var item in (checkItems.GetValueOrDefault(id) ?? []).OrderBy(i => i.Position))
            {
                row++;
                yield return new SourceRow(
                    row,
                    item.Id,
                    id,
                    item.Name,
                    null,
                    item.Complete ? "done" : "todo",
                    null,
                    null,
                    null,
                    null,
                    null,
                    task.CreatedAt,
                    null,
                    [],
                    [],
                    [],
                    0
                );
            }
        }
    }

    private static IEnumerable<string> Ids(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
            : [];

    /// <summary>A Trello id starts with the second it was made in, as 8 hex digits.</summary>
    private static DateTime? Created(string id) =>
        id.Length >= 8 && uint.TryParse(id.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var seconds)
            ? DateTime.UnixEpoch.AddSeconds(seconds)
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTime? Time(JsonElement element, string name) =>
        Text(element, name) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.UtcDateTime
                : throw new FormatException($"\"{name}\" is not a date and time: \"{ImportRules.Cut(text)}\".")
            : null;
}
