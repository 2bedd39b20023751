using System.Text.Json;
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
    Patched<Guid?> AssigneeId)
{
    private static readonly HashSet<string> Known = ["title", "description", "status", "priority", "dueAt", "assigneeId"];

    public static TaskPatch Parse(JsonElement body, out FieldErrors errors)
    {
        errors = new FieldErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "A JSON object is required.");
            return new TaskPatch(default, default, default, default, default, default);
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                errors.Add(property.Name, $"Unknown field. Fields that can change: {string.Join(", ", Known)}.");
            }
        }

        var title = Text(body, "title", errors, nullable: false);
        errors.Required("title", title.IsSet ? title.Value ?? "" : "x", TaskRules.TitleMax);
        var description = Text(body, "description", errors, nullable: true);
        errors.MaxLength("description", description.Value, TaskRules.DescriptionMax);
        var status = Text(body, "status", errors, nullable: false);
        errors.OneOf("status", status.Value, TaskRules.Statuses);
        var priority = Text(body, "priority", errors, nullable: false);
        errors.OneOf("priority", priority.Value, TaskRules.Priorities);

        Patched<DateTime?> dueAt = default;
        if (body.TryGetProperty("dueAt", out var due))
        {
            if (due.ValueKind == JsonValueKind.Null)
            {
                dueAt = new(true, null);
            }
            else if (due.ValueKind == JsonValueKind.String && due.TryGetDateTimeOffset(out var at))
            {
                dueAt = new(true, at.UtcDateTime);
            }
            else
            {
                errors.Add("dueAt", "Must be an RFC 3339 timestamp or null.");
            }
        }

        Patched<Guid?> assigneeId = default;
        if (body.TryGetProperty("assigneeId", out var assignee))
        {
            if (assignee.ValueKind == JsonValueKind.Null)
            {
                assigneeId = new(true, null);
            }
            else if (assignee.ValueKind == JsonValueKind.String && assignee.TryGetGuid(out var id))
            {
                assigneeId = new(true, id);
            }
            else
            {
                errors.Add("assigneeId", "Must be a user id (UUID) or null.");
            }
        }

        return new TaskPatch(title, description, status, priority, dueAt, assigneeId);
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
