using System.Text.Json;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Tasks.UpdateTask;

/// <summary>A field of a PATCH body: absent (leave as is), or set to a value (null clears).</summary>
public readonly record struct Patched<T>(bool IsSet, T? Value);

/// <summary>
/// The fields a PATCH may change. Parsed by hand from the JSON because "absent" and "null" mean different things.
/// </summary>
public sealed record TaskPatch(
    Patched<string> Title,
    Patched<string> Description,
    Patched<string> Status,
    Patched<string> Priority,
    Patched<DateTime?> DueAt,
    Patched<Guid[]> AssigneeIds,
    Patched<Guid[]> LabelIds,
    Patched<DateTime?> StartAt,
    Patched<int?> Estimate,
    Patched<Guid?> ParentId)
{
    /// <summary>The fields a PATCH may send; public for the fuzz test, as the OpenAPI document sees only a JsonElement.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(
        ["title", "description", "status", "priority", "startAt", "dueAt", "estimate", "assigneeIds", "assigneeId", "labelIds", "parentId"]);

    public static TaskPatch Parse(JsonElement body, out FieldErrors errors)
    {
        errors = new FieldErrors();
        if (!JsonBody.TryReadObject(body, Fields, errors))
        {
            return new TaskPatch(default, default, default, default, default, default, default, default, default, default);
        }

        var title = Text(body, "title", errors, nullable: false);
        errors.Required("title", title.IsSet ? title.Value ?? "" : "x", TaskRules.TitleMax);
        var description = Text(body, "description", errors, nullable: true);
        errors.MaxLength("description", description.Value, TaskRules.DescriptionMax);
        var status = Text(body, "status", errors, nullable: false);
        errors.OneOf("status", status.Value, TaskRules.Statuses);
        var priority = Text(body, "priority", errors, nullable: false);
        errors.OneOf("priority", priority.Value, TaskRules.Priorities);

        var dueAt = Timestamp(body, "dueAt", errors);
        var startAt = Timestamp(body, "startAt", errors);

        Patched<int?> estimate = default;
        if (body.TryGetProperty("estimate", out var minutes))
        {
            if (minutes.ValueKind == JsonValueKind.Null)
            {
                estimate = new(true, null);
            }
            else if (minutes.ValueKind == JsonValueKind.Number && minutes.TryGetInt32(out var m) && m is >= 0 and <= TaskRules.EstimateMax)
            {
                estimate = new(true, m);
            }
            else
            {
                errors.Add("estimate", $"Must be whole minutes between 0 and {TaskRules.EstimateMax}, or null.");
            }
        }

        // "assigneeId" is the single-assignee form of older clients: an id means [id], null means none.
        var assigneeIds = Ids(body, "assigneeIds", TaskRules.AssigneesMax, errors);
        var assigneeId = Id(body, "assigneeId", errors);
        if (assigneeId.IsSet)
        {
            if (assigneeIds.IsSet)
            {
                errors.Add("assigneeId", "Send assigneeIds or assigneeId, not both.");
            }

            assigneeIds = new(true, assigneeId.Value is { } one ? [one] : []);
        }

        var labelIds = Ids(body, "labelIds", TaskRules.LabelsMax, errors);
        var parentId = Id(body, "parentId", errors);

        return new TaskPatch(title, description, status, priority, dueAt, assigneeIds, labelIds, startAt, estimate, parentId);
    }

    private static Patched<DateTime?> Timestamp(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return new(true, null);
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at))
        {
            return new(true, at.UtcDateTime.AtDbPrecision());
        }

        errors.Add(name, "Must be an RFC 3339 timestamp or null.");
        return default;
    }

    private static Patched<Guid?> Id(JsonElement body, string name, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return new(true, null);
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id))
        {
            return new(true, id);
        }

        errors.Add(name, "Must be an id (UUID) or null.");
        return default;
    }

    /// <summary>A set of ids: an array of UUIDs (null or [] empties it); stored distinct and sorted.</summary>
    private static Patched<Guid[]> Ids(JsonElement body, string name, int max, FieldErrors errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return new(true, []);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || !v.TryGetGuid(out _)))
        {
            errors.Add(name, "Must be an array of ids (UUIDs).");
            return default;
        }

        var ids = TaskRules.IdSet(value.EnumerateArray().Select(v => v.GetGuid()));
        if (ids.Length > max)
        {
            errors.Add(name, $"At most {max}.");
            return default;
        }

        return new(true, ids);
    }

    private static Patched<string> Text(JsonElement body, string name, FieldErrors errors, bool nullable)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new(true, value.GetString());
            case JsonValueKind.Null when nullable:
                return new(true, null);
            default:
                errors.Add(name, nullable ? "Must be a string or null." : "Must be a string.");
                return default;
        }
    }
}
