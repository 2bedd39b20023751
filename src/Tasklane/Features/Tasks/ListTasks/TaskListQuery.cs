using System.Buffers.Binary;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Tasks.ListTasks;

/// <summary>The sorts of the task list; the SQL key of each lives in <see cref="ListTasksEndpoint"/>.</summary>
public enum TaskSort
{
    CreatedAt,
    Position,
    Priority,
    DueAt,
    UpdatedAt,
    CustomField,
}

/// <summary>
/// The cursor key of sort=customField: a tag of the sorted field (the first 8 bytes of its id), so a cursor of another
/// field is refused, and whether the last task had a value (the value itself is read back by its task id).
/// </summary>
public sealed record CustomFieldKey(long FieldTag, bool Valued)
{
    public static long Tag(Guid fieldId)
    {
        Span<byte> bytes = stackalloc byte[16];
        fieldId.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }
}

/// <summary>Where the previous page ended: the sort key of its last task (null only for an undated task) and its id.</summary>
public sealed record TaskCursor(TaskSort Sort, bool Descending, object? Key, Guid Id);

/// <summary>
/// The query parameters of <c>GET /projects/{projectId}/tasks</c> as the OpenAPI document shows them
/// (<see cref="QueryParametersAttribute"/>); <see cref="TaskListQuery.Parse"/> reads them from the query string.
/// </summary>
public sealed record TaskListParameters(
    [property: Description("Only these statuses: the parameter repeated, or comma-separated."), MaxLength(TaskListQuery.ListMax)]
        StatusCategory[]? Status,
    [property: Description("Only these priorities: the parameter repeated, or comma-separated."), MaxLength(TaskListQuery.ListMax)]
        TaskPriority[]? Priority,
    [property: Description("Only tasks in this status (column) of the project.")] Guid? StatusId,
    [property: Description("Only tasks assigned to this user.")] Guid? AssigneeId,
    [property: Description("Only tasks with this label.")] Guid? LabelId,
    [property: Description("Only the sub-tasks of this task.")] Guid? ParentId,
    [property: Description("Only tasks due before this time (RFC 3339).")] DateTimeOffset? DueBefore,
    [property: Description("Only tasks due at or after this time (RFC 3339).")] DateTimeOffset? DueAfter,
    [property: Description("Only tasks whose title contains this text."), MaxLength(TaskListQuery.QMax)] string? Q,
    [property: Description("true: only tasks another task blocks (whatever its status); false: only tasks nothing blocks.")] bool? Blocked,
    [property: Description("true: only tasks with a blocker that is not done; false: only tasks without one.")] bool? HasOpenBlockers,
    [property: Description("Only tasks with a value of this custom field (of the project's workspace).")] Guid? FieldId,
    [property:
        Description(
            "With fieldId: only tasks whose value is this: text, a number, YYYY-MM-DD, true or false, or the id of an option (one of a multi-select's) or of a user."
        ),
        MaxLength(TaskListQuery.FieldValueMax)
    ]
        string? FieldValue,
    [property:
        Description(
            "The sort key; createdAt by default. customField sorts by the value of sortFieldId (a text, number, date or checkbox field); tasks without one come last."
        ),
        AllowedValues("createdAt", "position", "priority", "dueAt", "updatedAt", "customField")
    ]
        string? Sort,
    [property: Description("The custom field of sort=customField.")] Guid? SortFieldId,
    [property: Description("asc by default."), AllowedValues("asc", "desc")] string? Order,
    [property: Description("Page size; 50 by default."), Range(1, Paging.MaxLimit)] int? Limit,
    [property: Description("The nextCursor of the previous page, with the same sort and order."), MaxLength(Cursor.MaxLength)] string? After
);

/// <summary>The filters, sort and page of <c>GET /projects/{projectId}/tasks</c>, parsed from the query string.</summary>
public sealed record TaskListQuery(
    StatusCategory[]? Statuses,
    TaskPriority[]? Priorities,
    Guid? StatusId,
    Guid? AssigneeId,
    Guid? LabelId,
    Guid? ParentId,
    DateTime? DueBefore,
    DateTime? DueAfter,
    string? Q,
    bool? Blocked,
    bool? HasOpenBlockers,
    TaskSort Sort,
    bool Descending,
    int Limit,
    TaskCursor? After,
    Guid? FieldId,
    string? FieldValue,
    Guid? SortFieldId
)
{
    public const int QMax = 200;
    public const int FieldValueMax = CustomFields.CustomFieldValues.TextMax;

    /// <summary>
    /// The most values a list filter (status, priority) takes, counting repeats: more than every value twice over
    /// says the query was built wrong, and the bound keeps the parsing of one request small.
    /// </summary>
    public const int ListMax = 10;

    public static readonly Dictionary<string, TaskSort> Sorts = new(StringComparer.Ordinal)
    {
        ["createdAt"] = TaskSort.CreatedAt,
        ["position"] = TaskSort.Position,
        ["priority"] = TaskSort.Priority,
        ["dueAt"] = TaskSort.DueAt,
        ["updatedAt"] = TaskSort.UpdatedAt,
        ["customField"] = TaskSort.CustomField,
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
        T[]? List<T>(string name)
            where T : struct, ITextEnum<T>
        {
            var given = query[name]
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToArray();
            if (given.Length > ListMax)
            {
                e.Add(name, $"At most {ListMax} values.");
                return null;
            }

            var values = new List<T>();
            foreach (var text in given.Distinct())
            {
                if (TextEnum.TryParse(text, out T value))
                {
                    values.Add(value);
                }
                else
                {
                    e.Add(name, $"'{text}' is not one of: {string.Join(", ", TextEnum.Names<T>())}.");
                }
            }

            return values.Count == 0 ? null : [.. values];
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

            if (
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                && text.Contains('T', StringComparison.Ordinal)
            )
            {
                return at.UtcDateTime;
            }

            e.Add(name, "Must be an RFC 3339 timestamp, e.g. 2030-01-31T00:00:00Z.");
            return null;
        }

        bool? Flag(string name)
        {
            var text = Single(name);
            if (text is null)
            {
                return null;
            }

            if (text is "true" or "false")
            {
                return text == "true";
            }

            e.Add(name, "Must be true or false.");
            return null;
        }

        var statuses = List<StatusCategory>("status");
        var priorities = List<TaskPriority>("priority");
        var statusId = Id("statusId");
        var assigneeId = Id("assigneeId");
        var labelId = Id("labelId");
        var parentId = Id("parentId");
        var dueBefore = Time("dueBefore");
        var dueAfter = Time("dueAfter");
        var q = Single("q");
        e.MaxLength("q", q, QMax);
        var blocked = Flag("blocked");
        var hasOpenBlockers = Flag("hasOpenBlockers");
        var fieldId = Id("fieldId");
        var fieldValue = Single("fieldValue");
        e.MaxLength("fieldValue", fieldValue, FieldValueMax);
        e.Check("fieldValue", fieldValue is null || fieldId is not null, "Give fieldId with it.");
        var sortFieldId = Id("sortFieldId");

        var sortText = Single("sort") ?? "createdAt";
        if (!Sorts.TryGetValue(sortText, out var sort))
        {
            e.Add("sort", $"Must be one of: {string.Join(", ", Sorts.Keys)}.");
        }

        e.Check(
            "sortFieldId",
            (sort == TaskSort.CustomField) == (sortFieldId is not null),
            "Give it with sort=customField, and only then."
        );
        var orderText = Single("order") ?? "asc";
        e.OneOf("order", orderText, ["asc", "desc"]);
        var descending = orderText == "desc";

        var limit = Paging.DefaultLimit;
        if (
            Single("limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > Paging.MaxLimit)
        )
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
            else if (
                after.Sort != sort
                || after.Descending != descending
                || after.Key is CustomFieldKey key && (sortFieldId is not { } field || key.FieldTag != CustomFieldKey.Tag(field))
            )
            {
                e.Add("after", "Belongs to another sort order; start again without 'after'.");
            }
        }

        return new TaskListQuery(
            statuses,
            priorities,
            statusId,
            assigneeId,
            labelId,
            parentId,
            dueBefore,
            dueAfter,
            q,
            blocked,
            hasOpenBlockers,
            sort,
            descending,
            limit,
            after,
            fieldId,
            fieldValue,
            sortFieldId
        );
    }
}

/// <summary>
/// A <see cref="Cursor"/> keyed by the sort, the order and the last task's sort key (10 bytes: sort, flags, 8-byte
/// value), so a cursor of another sort or order is recognised and refused. bench/list-tasks.sh builds cursors the same way.
/// </summary>
public static class TaskCursors
{
    private const int KeyLength = 10;
    private const byte Descending = 1;
    private const byte HasKey = 2;

    public static string Encode(TaskCursor cursor)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        key[0] = (byte)cursor.Sort;
        key[1] = (byte)((cursor.Descending ? Descending : 0) | (cursor.Key is null or CustomFieldKey { Valued: false } ? 0 : HasKey));
        BinaryPrimitives.WriteInt64BigEndian(
            key[2..],
            cursor.Key switch
            {
                null => 0,
                double d => BitConverter.DoubleToInt64Bits(d),
                short s => s,
                // Postgres keeps microseconds, so the cursor does too.
                DateTime t => (t.Ticks - DateTime.UnixEpoch.Ticks) / 10,
                CustomFieldKey k => k.FieldTag,
                _ => throw new ArgumentException($"No cursor form for {cursor.Key.GetType()}.", nameof(cursor)),
            }
        );
        return Cursor.Encode(key, cursor.Id);
    }

    public static TaskCursor? Decode(string text)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        if (!Cursor.TryDecode(text, key, out var id) || !Enum.IsDefined((TaskSort)key[0]) || (key[1] & ~(Descending | HasKey)) != 0)
        {
            return null;
        }

        var sort = (TaskSort)key[0];
        var value = BinaryPrimitives.ReadInt64BigEndian(key[2..]);
        object? sortKey = null;
        var valid = (sort, (key[1] & HasKey) != 0) switch
        {
            (TaskSort.CreatedAt, false) or (TaskSort.DueAt, false) => value == 0,
            (TaskSort.Position, true) => double.IsFinite(BitConverter.Int64BitsToDouble(value))
                && (sortKey = BitConverter.Int64BitsToDouble(value)) is not null,
            (TaskSort.Priority, true) => value is >= 0 and <= 3 && (sortKey = (short)value) is not null,
            (TaskSort.DueAt or TaskSort.UpdatedAt, true) => FromMicros(value) is { } at && (sortKey = at) is not null,
            (TaskSort.CustomField, var valued) => (sortKey = new CustomFieldKey(value, valued)) is not null,
            _ => false,
        };
        return valid ? new TaskCursor(sort, (key[1] & Descending) != 0, sortKey, id) : null;
    }

    /// <summary>The sort key of a task, as the SQL compares it.</summary>
    public static object? KeyOf(TaskListQuery query, TaskResponse task) =>
        query.Sort switch
        {
            TaskSort.CustomField when query.SortFieldId is { } field => new CustomFieldKey(
                CustomFieldKey.Tag(field),
                task.CustomFields.ContainsKey(field)
            ),
            TaskSort.CreatedAt => null,
            TaskSort.Position => task.Position,
            TaskSort.Priority => task.Priority.Rank,
            TaskSort.DueAt => task.DueAt,
            _ => task.UpdatedAt,
        };

    private static DateTime? FromMicros(long micros) =>
        micros is > -62_135_596_800_000_000 and < 253_402_300_799_000_000 ? DateTime.UnixEpoch.AddTicks(micros * 10) : null;
}
