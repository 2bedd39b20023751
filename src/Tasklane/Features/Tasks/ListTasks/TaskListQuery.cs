using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Tasks.ListTasks;

/// <summary>The sorts of the task list; the SQL key of each lives in <see cref="ListTasksEndpoint"/>.</summary>
public enum TaskSort { CreatedAt, Position, Priority, DueAt, UpdatedAt }

/// <summary>Where the previous page ended: the sort key of its last task (null only for an undated task) and its id.</summary>
public sealed record TaskCursor(TaskSort Sort, bool Descending, object? Key, Guid Id);

/// <summary>
/// The query parameters of <c>GET /projects/{projectId}/tasks</c> as the OpenAPI document shows them
/// (<see cref="QueryParametersAttribute"/>); <see cref="TaskListQuery.Parse"/> reads them from the query string.
/// </summary>
public sealed record TaskListParameters(
    [property: Description("Only these statuses: the parameter repeated, or comma-separated.")] string[]? Status,
    [property: Description("Only these priorities: the parameter repeated, or comma-separated.")] string[]? Priority,
    [property: Description("Only tasks assigned to this user.")] Guid? AssigneeId,
    [property: Description("Only tasks with this label.")] Guid? LabelId,
    [property: Description("Only the sub-tasks of this task.")] Guid? ParentId,
    [property: Description("Only tasks due before this time (RFC 3339).")] DateTimeOffset? DueBefore,
    [property: Description("Only tasks due at or after this time (RFC 3339).")] DateTimeOffset? DueAfter,
    [property: Description("Only tasks whose title contains this text."), MaxLength(TaskListQuery.QMax)] string? Q,
    [property: Description("The sort key; createdAt by default."), AllowedValues("createdAt", "position", "priority", "dueAt", "updatedAt")] string? Sort,
    [property: Description("asc by default."), AllowedValues("asc", "desc")] string? Order,
    [property: Description("Page size; 50 by default."), Range(1, Paging.MaxLimit)] int? Limit,
    [property: Description("The nextCursor of the previous page, with the same sort and order.")] string? After);

/// <summary>The filters, sort and page of <c>GET /projects/{projectId}/tasks</c>, parsed from the query string.</summary>
public sealed record TaskListQuery(
    string[]? Statuses,
    string[]? Priorities,
    Guid? AssigneeId,
    Guid? LabelId,
    Guid? ParentId,
    DateTime? DueBefore,
    DateTime? DueAfter,
    string? Q,
    TaskSort Sort,
    bool Descending,
    int Limit,
    TaskCursor? After)
{
    public const int QMax = 200;

    public static readonly Dictionary<string, TaskSort> Sorts = new(StringComparer.Ordinal)
    {
        ["createdAt"] = TaskSort.CreatedAt,
        ["position"] = TaskSort.Position,
        ["priority"] = TaskSort.Priority,
        ["dueAt"] = TaskSort.DueAt,
        ["updatedAt"] = TaskSort.UpdatedAt,
    };

    public static TaskListQuery Parse(IQueryCollection query, out FieldErrors errors)
    {
        var e = errors = new FieldErrors();

        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                e.Add(name, "Give it once.");
            }

            return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
        }

        // status=todo&status=done and status=todo,done mean the same.
        string[]? List(string name, string[] allowed)
        {
            var values = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
            foreach (var value in values.Where(v => !allowed.Contains(v)))
            {
                e.Add(name, $"'{value}' is not one of: {string.Join(", ", allowed)}.");
            }

            return values.Length == 0 ? null : values;
        }

        Guid? Id(string name)
        {
            var text = Single(name);
            if (text is null)
            {
                return null;
            }

            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            e.Add(name, "Must be a UUID.");
            return null;
        }

        DateTime? Time(string name)
        {
            var text = Single(name);
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T', StringComparison.Ordinal))
            {
                return at.UtcDateTime;
            }

            e.Add(name, "Must be an RFC 3339 timestamp, e.g. 2030-01-31T00:00:00Z.");
            return null;
        }

        var statuses = List("status", TaskRules.Statuses);
        var priorities = List("priority", TaskRules.Priorities);
        var assigneeId = Id("assigneeId");
        var labelId = Id("labelId");
        var parentId = Id("parentId");
        var dueBefore = Time("dueBefore");
        var dueAfter = Time("dueAfter");
        var q = Single("q");
        e.MaxLength("q", q, QMax);

        var sortText = Single("sort") ?? "createdAt";
        if (!Sorts.TryGetValue(sortText, out var sort))
        {
            e.Add("sort", $"Must be one of: {string.Join(", ", Sorts.Keys)}.");
        }

        var orderText = Single("order") ?? "asc";
        e.OneOf("order", orderText, ["asc", "desc"]);
        var descending = orderText == "desc";

        var limit = Paging.DefaultLimit;
        if (Single("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > Paging.MaxLimit))
        {
            e.Add("limit", $"Must be between 1 and {Paging.MaxLimit}.");
        }

        TaskCursor? after = null;
        if (Single("after") is { } afterText)
        {
            after = TaskCursors.Decode(afterText);
            if (after is null)
            {
                e.Add("after", "Is not a cursor returned by this API.");
            }
            else if (after.Sort != sort || after.Descending != descending)
            {
                e.Add("after", "Belongs to another sort order; start again without 'after'.");
            }
        }

        return new TaskListQuery(statuses, priorities, assigneeId, labelId, parentId, dueBefore, dueAfter, q, sort, descending, limit, after);
    }
}

/// <summary>
/// Opaque cursors: "v1|sort|order|key|id" plus a checksum, base64url. The checksum is not a secret (a forged
/// cursor only moves the caller within lists they may read anyway); it makes an edited or truncated cursor a 400
/// instead of a silently different page. bench/list-tasks.sh builds cursors the same way.
/// </summary>
public static class TaskCursors
{
    public static string Encode(TaskCursor cursor)
    {
        var payload = string.Join('|', "v1", Name(cursor.Sort), cursor.Descending ? "desc" : "asc", KeyText(cursor.Key), cursor.Id.ToString("N"));
        var bytes = Encoding.UTF8.GetBytes(payload + "|" + Checksum(payload));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static TaskCursor? Decode(string text)
    {
        if (text.Length > 200)
        {
            return null;
        }

        string decoded;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = decoded.Split('|');
        if (parts.Length != 6 || parts[0] != "v1" || Checksum(string.Join('|', parts[..5])) != parts[5]
            || !TaskListQuery.Sorts.TryGetValue(parts[1], out var sort) || parts[2] is not ("asc" or "desc")
            || !Guid.TryParseExact(parts[4], "N", out var id))
        {
            return null;
        }

        var invariant = CultureInfo.InvariantCulture;
        object? key = null;
        var valid = sort switch
        {
            TaskSort.CreatedAt => parts[3].Length == 0,
            TaskSort.Position => double.TryParse(parts[3], NumberStyles.Float, invariant, out var p) && double.IsFinite(p) && (key = p) is not null,
            TaskSort.Priority => short.TryParse(parts[3], NumberStyles.None, invariant, out var r) && r <= 3 && (key = r) is not null,
            TaskSort.DueAt when parts[3].Length == 0 => true,
            _ => long.TryParse(parts[3], NumberStyles.AllowLeadingSign, invariant, out var us) && FromMicros(us) is { } at && (key = at) is not null,
        };
        return valid ? new TaskCursor(sort, parts[2] == "desc", key, id) : null;
    }

    /// <summary>The sort key of a task, as the SQL compares it.</summary>
    public static object? KeyOf(TaskSort sort, TaskResponse task) => sort switch
    {
        TaskSort.CreatedAt => null,
        TaskSort.Position => task.Position,
        TaskSort.Priority => (short)Array.IndexOf(TaskRules.Priorities, task.Priority),
        TaskSort.DueAt => task.DueAt,
        _ => task.UpdatedAt,
    };

    private static string Name(TaskSort sort) => TaskListQuery.Sorts.Single(s => s.Value == sort).Key;

    private static string KeyText(object? key) => key switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        // Postgres keeps microseconds, so the cursor does too.
        DateTime t => ((t.Ticks - DateTime.UnixEpoch.Ticks) / 10).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No cursor form for {key.GetType()}.", nameof(key)),
    };

    private static DateTime? FromMicros(long micros) =>
        micros is > -62_135_596_800_000_000 and < 253_402_300_799_000_000 ? DateTime.UnixEpoch.AddTicks(micros * 10) : null;

    private static string Checksum(string payload) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("tasklane-task-cursor|" + payload)))[..8];
}
