using System.Globalization;
using Microsoft.Kiota.Abstractions.Serialization;
using Tasklane.Client.Models;

namespace Tasklane.Web.Components;

/// <summary>
/// A task's fields as the edit form holds them: text as typed, dates as "yyyy-MM-ddTHH:mm" in the browser's time zone,
/// custom field values as text (option and user ids too), ticks or sets of option ids. Two drafts compare field by field,
/// so a save sends only what the user changed (<see cref="Patch"/>).
/// </summary>
public sealed class TaskDraft
{
    private const string LocalMinute = "yyyy-MM-ddTHH:mm";

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string StatusId { get; set; } = "";
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public string StartAt { get; set; } = "";
    public string DueAt { get; set; } = "";
    public string Estimate { get; set; } = "";
    public HashSet<Guid> Assignees { get; init; } = [];
    public HashSet<Guid> Labels { get; init; } = [];

    /// <summary>text, number, date, single_select (option id) and user (user id) values; "" is none.</summary>
    public Dictionary<Guid, string> Texts { get; init; } = [];

    /// <summary>checkbox values: no value reads as unticked.</summary>
    public Dictionary<Guid, bool> Checks { get; init; } = [];

    /// <summary>multi_select values: the chosen option ids.</summary>
    public Dictionary<Guid, HashSet<Guid>> Options { get; init; } = [];

    public static TaskDraft From(TaskResponse task, IEnumerable<CustomFieldResponse> fields)
    {
        var draft = new TaskDraft
        {
            Title = task.Title ?? "",
            Description = task.Description ?? "",
            StatusId = task.StatusId?.ToString() ?? "",
            Priority = task.Priority ?? TaskPriority.Normal,
            StartAt = Local(task.StartAt),
            DueAt = Local(task.DueAt),
            Estimate = task.Estimate?.ToString(CultureInfo.InvariantCulture) ?? "",
            Assignees = [.. task.AssigneeIds?.OfType<Guid>() ?? []],
            Labels = [.. task.LabelIds?.OfType<Guid>() ?? []],
        };
        foreach (var field in fields)
        {
            var id = field.Id!.Value;
            object? value = null;
            task.CustomFields?.AdditionalData.TryGetValue(id.ToString(), out value);
            value = Plain(value);
            switch (field.Type)
            {
                case CustomFieldType.Checkbox:
                    draft.Checks[id] = value is true;
                    break;
                case CustomFieldType.Multi_select:
                    draft.Options[id] = [.. (value as IEnumerable<object?> ?? []).OfType<string>().Select(Guid.Parse)];
                    break;
                default:
                    draft.Texts[id] = value switch
                    {
                        null => "",
                        decimal number => number.ToString(CultureInfo.InvariantCulture),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                    break;
            }
        }

        return draft;
    }

    /// <summary>What changed from <paramref name="before"/>, as a PATCH body (null when nothing did), and the values that could not be read, by the API's error key.</summary>
    public (UpdateTaskRequest? Patch, Dictionary<string, string> Invalid) Patch(TaskDraft before, IEnumerable<CustomFieldResponse> fields)
    {
        // Absent fields stay as they are and null clears one: the client's backing store sends only the properties set here.
        var patch = new UpdateTaskRequest();
        var invalid = new Dictionary<string, string>();
        var changed = false;
        if (Title != before.Title)
        {
            (patch.Title, changed) = (Title, true);
        }

        if (Description != before.Description)
        {
            (patch.Description, changed) = (Description.Length == 0 ? null : Description, true);
        }

        if (Priority != before.Priority)
        {
            (patch.Priority, changed) = (Priority, true);
        }

        if (StartAt != before.StartAt)
        {
            (patch.StartAt, changed) = (Moment(StartAt), true);
        }

        if (DueAt != before.DueAt)
        {
            (patch.DueAt, changed) = (Moment(DueAt), true);
        }

        if (Estimate != before.Estimate)
        {
            changed = true;
            if (Estimate.Trim().Length == 0)
            {
                patch.Estimate = null;
            }
            else if (int.TryParse(Estimate.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes))
            {
                patch.Estimate = minutes;
            }
            else
            {
                invalid["estimate"] = "Enter whole minutes, like 90.";
            }
        }

        if (!Assignees.SetEquals(before.Assignees))
        {
            (patch.AssigneeIds, changed) = ([.. Assignees.Order().Select(id => (Guid?)id)], true);
        }

        if (!Labels.SetEquals(before.Labels))
        {
            (patch.LabelIds, changed) = ([.. Labels.Order().Select(id => (Guid?)id)], true);
        }

        var values = new UpdateTaskRequest_customFields();
        foreach (var field in fields)
        {
            var id = field.Id!.Value;
            var key = id.ToString();
            if (field.Type == CustomFieldType.Checkbox)
            {
                if (Checks.GetValueOrDefault(id) != before.Checks.GetValueOrDefault(id))
                {
                    values.AdditionalData[key] = Checks.GetValueOrDefault(id);
                }
            }
            else if (field.Type == CustomFieldType.Multi_select)
            {
                var chosen = Options.GetValueOrDefault(id) ?? [];
                if (!chosen.SetEquals(before.Options.GetValueOrDefault(id) ?? []))
                {
                    values.AdditionalData[key] = chosen.Order().Select(o => (object)o.ToString()).ToList();
                }
            }
            else if (Texts.GetValueOrDefault(id, "") is var text && text != before.Texts.GetValueOrDefault(id, ""))
            {
                if (text.Trim().Length == 0)
                {
                    values.AdditionalData[key] = null!;
                }
                else if (field.Type != CustomFieldType.Number)
                {
                    values.AdditionalData[key] = text;
                }
                else if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    values.AdditionalData[key] = number;
                }
                else
                {
                    invalid[$"customFields.{key}"] = "Enter a number, like 3.5.";
                }
            }
        }

        if (values.AdditionalData.Count > 0)
        {
            (patch.CustomFields, changed) = (values, true);
        }

        return (changed ? patch : null, invalid);
    }

    /// <summary>
    /// This draft's changes (from <paramref name="from"/>, what it was made from) on top of <paramref name="onto"/> (the task as
    /// it is now): fields the user did not touch take the new values.
    /// </summary>
    public TaskDraft Rebase(TaskDraft from, TaskDraft onto)
    {
        var draft = new TaskDraft
        {
            Title = Pick(Title, from.Title, onto.Title),
            Description = Pick(Description, from.Description, onto.Description),
            StatusId = Pick(StatusId, from.StatusId, onto.StatusId),
            Priority = Pick(Priority, from.Priority, onto.Priority),
            StartAt = Pick(StartAt, from.StartAt, onto.StartAt),
            DueAt = Pick(DueAt, from.DueAt, onto.DueAt),
            Estimate = Pick(Estimate, from.Estimate, onto.Estimate),
            Assignees = [.. Assignees.SetEquals(from.Assignees) ? onto.Assignees : Assignees],
            Labels = [.. Labels.SetEquals(from.Labels) ? onto.Labels : Labels],
        };
        foreach (var (id, theirs) in onto.Texts)
        {
            draft.Texts[id] = Pick(Texts.GetValueOrDefault(id, ""), from.Texts.GetValueOrDefault(id, ""), theirs);
        }

        foreach (var (id, theirs) in onto.Checks)
        {
            draft.Checks[id] = Pick(Checks.GetValueOrDefault(id), from.Checks.GetValueOrDefault(id), theirs);
        }

        foreach (var (id, theirs) in onto.Options)
        {
            var mine = Options.GetValueOrDefault(id) ?? [];
            draft.Options[id] = [.. mine.SetEquals(from.Options.GetValueOrDefault(id) ?? []) ? theirs : mine];
        }

        return draft;

        static T Pick<T>(T mine, T before, T theirs) => EqualityComparer<T>.Default.Equals(mine, before) ? theirs : mine;
    }

    private static string Local(DateTimeOffset? at) => at?.ToLocalTime().ToString(LocalMinute, CultureInfo.InvariantCulture) ?? "";

    private static DateTimeOffset? Moment(string local) =>
        DateTime.TryParseExact(local, LocalMinute, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at)
            ? new DateTimeOffset(at)
            : null;

    /// <summary>A custom field value as the typed client reads it (a primitive or an untyped node): a decimal, bool, string, list of those, or null.</summary>
    private static object? Plain(object? value) =>
        value switch
        {
            UntypedNull => null,
            UntypedString text => text.GetValue(),
            UntypedBoolean flag => flag.GetValue(),
            UntypedDecimal number => number.GetValue(),
            UntypedDouble number => (decimal)number.GetValue(),
            UntypedFloat number => (decimal)number.GetValue(),
            UntypedInteger number => (decimal)number.GetValue(),
            UntypedLong number => (decimal)number.GetValue(),
            UntypedArray items => items.GetValue().Select(Plain).ToList(),
            double number => (decimal)number,
            float number => (decimal)number,
            int number => (decimal)number,
            long number => (decimal)number,
            _ => value,
        };
}
