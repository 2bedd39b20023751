using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.CustomFields;

/// <summary>
/// A value a write sets on a task's field: the JSON clients see (null clears the field), and the one column its type
/// compares and sorts by (0028_custom_fields.sql).
/// </summary>
public sealed record FieldValue(Guid FieldId, JsonElement? Value, string? Txt, decimal? Num, Guid? Ref, Guid[]? Refs);

/// <summary>
/// Task values of custom fields, for every writer of them (PATCH and bulk update): checked by the field's type, saved
/// in one statement, and compared with what the task held for its event.
/// </summary>
public static class CustomFieldValues
{
    public const int TextMax = 500;

    /// <summary>Numbers are exact decimals within ±10^15, as a spreadsheet or JavaScript keeps them.</summary>
    public const decimal NumberMax = 1_000_000_000_000_000m;

    /// <summary>The most values one write sets: one per field of a workspace.</summary>
    public const int MaxPerWrite = CustomFieldRules.MaxPerWorkspace;

    private static readonly string FindSql = CustomFieldRules.WithColumns(Sql.Load(typeof(CustomFieldValues), "FindCustomFields.sql"));
    private static readonly string NonMembersSql = Sql.Load(typeof(CustomFieldValues), "NonMemberUsers.sql");
    private static readonly string SaveSql = Sql.Load(typeof(CustomFieldValues), "SaveFieldValues.sql");

    /// <summary>
    /// The values <paramref name="sent"/> names (field id to value, null to clear), each checked against its field, which stays
    /// locked for share until the transaction ends; a 400 naming <c>customFields.{id}</c> for each one that is wrong. None sent
    /// (absent or empty): no values, and no query.
    /// </summary>
    public static async Task<(IReadOnlyList<FieldValue> Values, ProblemDetails? Problem)> ReadAsync(
        OutboxTransaction tx,
        Guid workspaceId,
        IReadOnlyDictionary<Guid, JsonElement>? sent,
        CancellationToken ct
    )
    {
        if (sent is null or { Count: 0 })
        {
            return ([], null);
        }

        const string field = "customFields";
        var fields = (await tx.QueryAsync<CustomFieldResponse>(FindSql, new { workspaceId, ids = sent.Keys.ToArray() }, ct)).ToDictionary(
            f => f.Id
        );
        var errors = new FieldErrors();
        var values = new List<FieldValue>();
        foreach (var (id, json) in sent.OrderBy(s => s.Key))
        {
            if (!fields.TryGetValue(id, out var definition))
            {
                errors.Add($"{field}.{id}", "Is not a custom field of the task's workspace.");
                continue;
            }

            var (value, error) = Read(definition, json);
            if (value is null)
            {
                errors.Add($"{field}.{id}", error!);
            }
            else
            {
                values.Add(value);
            }
        }

        var users = values.Where(v => v.Ref is not null && fields[v.FieldId].Type == CustomFieldType.User).ToList();
        if (users.Count > 0)
        {
            var strangers = (
                await tx.QueryAsync<Guid>(NonMembersSql, new { workspaceId, ids = users.Select(u => u.Ref!.Value).ToArray() }, ct)
            ).ToHashSet();
            foreach (var value in users.Where(u => strangers.Contains(u.Ref!.Value)))
            {
                errors.Add($"{field}.{value.FieldId}", "Must be a member of the workspace.");
            }
        }

        return (values, errors.Any ? errors.ToProblem() : null);
    }

    /// <summary>A value for <paramref name="field"/> as stored, or the reason <paramref name="json"/> is not one (null JSON clears).</summary>
    public static (FieldValue? Value, string? Error) Read(CustomFieldResponse field, JsonElement json)
    {
        var id = field.Id;
        if (json.ValueKind == JsonValueKind.Null)
        {
            return (new FieldValue(id, null, null, null, null, null), null);
        }

        var type = field.Type;
        if (type == CustomFieldType.Text)
        {
            return
                json.ValueKind == JsonValueKind.String
                && json.GetString() is { Length: > 0 and <= TextMax } text
                && !string.IsNullOrWhiteSpace(text)
                ? (new FieldValue(id, Json(text), text, null, null, null), null)
                : (null, $"Must be text of 1 to {TextMax} characters, or null.");
        }

        if (type == CustomFieldType.Number)
        {
            return json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var number) && Math.Abs(number) <= NumberMax
                ? (new FieldValue(id, NumberJson(number), null, number, null, null), null)
                : (null, $"Must be a number between -{NumberMax:0} and {NumberMax:0}, or null.");
        }

        if (type == CustomFieldType.Date)
        {
            return
                json.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? (
                    new FieldValue(
                        id,
                        Json(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        null,
                        null,
                        null
                    ),
                    null
                )
                : (null, "Must be a date as YYYY-MM-DD, or null.");
        }

        if (type == CustomFieldType.Checkbox)
        {
            return json.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (new FieldValue(id, Json(json.GetBoolean()), null, json.GetBoolean() ? 1 : 0, null, null), null)
                : (null, "Must be true, false or null.");
        }

        var options = field.Options.Select(o => o.Id).ToHashSet();
        if (type == CustomFieldType.SingleSelect)
        {
            return json.ValueKind == JsonValueKind.String && json.TryGetGuid(out var option) && options.Contains(option)
                ? (new FieldValue(id, Json(option), null, null, option, null), null)
                : (null, "Must be the id of one of the field's options, or null.");
        }

        if (type == CustomFieldType.MultiSelect)
        {
            if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() > CustomFieldRules.OptionsMax)
            {
                return (null, "Must be an array of ids of the field's options, or null.");
            }

            var chosen = new SortedSet<Guid>();
            foreach (var item in json.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !item.TryGetGuid(out var option) || !options.Contains(option))
                {
                    return (null, "Must be an array of ids of the field's options, or null.");
                }

                chosen.Add(option);
            }

            // No option chosen is no value: the field is cleared.
            return chosen.Count == 0
                ? (new FieldValue(id, null, null, null, null, null), null)
                : (new FieldValue(id, Json(chosen.ToArray()), null, null, null, [.. chosen]), null);
        }

        // A user: a member of the workspace (ReadAsync checks it).
        return json.ValueKind == JsonValueKind.String && json.TryGetGuid(out var user)
            ? (new FieldValue(id, Json(user), null, null, user, null), null)
            : (null, "Must be the id of a member of the workspace, or null.");
    }

    /// <summary>Sets (or clears) <paramref name="values"/> on each of <paramref name="tasks"/> (id, project) in one statement.</summary>
    public static Task SaveAsync(
        OutboxTransaction tx,
        IReadOnlyCollection<(Guid TaskId, Guid ProjectId)> tasks,
        IReadOnlyList<FieldValue> values,
        CancellationToken ct
    )
    {
        var rows = tasks.SelectMany(t =>
            values.Select(v => new
            {
                task_id = t.TaskId,
                field_id = v.FieldId,
                project_id = t.ProjectId,
                clear = v.Value is null,
                value = v.Value,
                txt = v.Txt,
                num = v.Num,
                @ref = v.Ref,
                refs = v.Refs,
            })
        );
        return tx.ExecuteAsync(SaveSql, new { rows = JsonSerializer.Serialize(rows) }, ct);
    }

    /// <summary>A task's values after <paramref name="values"/> are set on <paramref name="current"/>, and the change of each that changed.</summary>
    public static (Dictionary<Guid, JsonElement> Next, Dictionary<Guid, FieldChange<JsonElement?>>? Changes) Apply(
        IReadOnlyDictionary<Guid, JsonElement> current,
        IReadOnlyList<FieldValue> values
    )
    {
        var next = new Dictionary<Guid, JsonElement>(current);
        var changes = new Dictionary<Guid, FieldChange<JsonElement?>>();
        foreach (var value in values)
        {
            JsonElement? before = current.TryGetValue(value.FieldId, out var had) ? had : null;
            if (before is null && value.Value is null || before is { } b && value.Value is { } a && JsonElement.DeepEquals(a, b))
            {
                continue;
            }

            changes[value.FieldId] = new FieldChange<JsonElement?>(before, value.Value);
            if (value.Value is { } set)
            {
                next[value.FieldId] = set;
            }
            else
            {
                next.Remove(value.FieldId);
            }
        }

        return changes.Count == 0 ? (next, null) : (next, changes);
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);

    /// <summary>Without trailing zeros, as Postgres' numeric prints it back: 1.50 is 1.5.</summary>
    private static JsonElement NumberJson(decimal number) =>
        JsonDocument.Parse((number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)).RootElement.Clone();
}
