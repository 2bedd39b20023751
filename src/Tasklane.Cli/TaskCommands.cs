using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tasklane.Client.Api.V1.Projects.Item.Tasks;
using Tasklane.Client.Models;

namespace Tasklane.Cli;

/// <summary><c>tasklane tasks list|show|create|edit|move|done|delete|restore|recur</c>.</summary>
public static class TaskCommands
{
    private static readonly string[] Columns = ["Id", "Title", "Status", "Priority", "Due", "Version"];

    public static Command Command(CliEnvironment env) =>
        new("tasks", "List, show, create, edit, move, delete, restore and repeat tasks.")
        {
            List(env),
            Show(env),
            Create(env),
            Edit(env),
            Move(env),
            Done(env),
            Delete(env),
            Restore(env),
            Recur(env),
        };

    private static string?[] Row(TaskResponse t) =>
        [
            t.Id.ToString(),
            t.Title,
            ApiNames.Of(t.Status),
            ApiNames.Of(t.Priority),
            Output.Date(t.DueAt),
            t.Version?.ToString(CultureInfo.InvariantCulture),
        ];

    private static Task Print(Session session, TaskResponse t) =>
        Output.ItemAsync(
            session,
            t,
            ("Id", t.Id.ToString()),
            ("Title", t.Title),
            ("Status", ApiNames.Of(t.Status)),
            ("Priority", ApiNames.Of(t.Priority)),
            ("Project", t.ProjectId.ToString()),
            ("Assignees", string.Join(", ", t.AssigneeIds ?? [])),
            ("Due", Output.Date(t.DueAt)),
            ("Created", Output.Date(t.CreatedAt)),
            ("Updated", Output.Date(t.UpdatedAt)),
            ("Version", t.Version?.ToString(CultureInfo.InvariantCulture)),
            ("Description", t.Description)
        );

    private static Command List(CliEnvironment env)
    {
        var project = new Option<Guid>("--project", "-p") { Description = "Project id.", Required = true };
        var status = new Option<string?>("--status") { Description = "Only these statuses, comma-separated: todo,in_progress,done." };
        var assignee = new Option<Guid?>("--assignee") { Description = "Only tasks assigned to this user id." };
        var label = new Option<Guid?>("--label") { Description = "Only tasks with this label id." };
        var sort = new Option<GetSortQueryParameterType?>("--sort")
        {
            Description = "createdAt (default), position, updatedAt, priority, dueAt or customField (with --sort-field).",
        };
        var field = new Option<string?>("--field")
        {
            Description = "Only tasks with a value of this custom field id; <id>=<value> for that value (tasklane fields lists them).",
        };
        var sortField = new Option<Guid?>("--sort-field") { Description = "The custom field of --sort customField." };
        var command = new Command("list", "List a project's tasks (every page).")
        {
            project,
            status,
            assignee,
            label,
            sort,
            field,
            sortField,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var tasks = await Commands.AllPagesAsync(
                    after =>
                        client
                            .Api.V1.Projects[parsed.GetValue(project)]
                            .Tasks.GetAsync(
                                r =>
                                {
                                    r.QueryParameters.Limit = 200;
                                    r.QueryParameters.Status = parsed
                                        .GetValue(status)
                                        ?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                                        .Select(ApiNames.Parse<StatusCategory>)
                                        .ToArray();
                                    r.QueryParameters.AssigneeId = parsed.GetValue(assignee);
                                    r.QueryParameters.LabelId = parsed.GetValue(label);
                                    r.QueryParameters.Sort = parsed.GetValue(sort);
                                    r.QueryParameters.SortFieldId = parsed.GetValue(sortField);
                                    if (parsed.GetValue(field) is { } filter)
                                    {
                                        var (id, value) = FieldArgument(filter);
                                        r.QueryParameters.FieldId = id;
                                        r.QueryParameters.FieldValue = value;
                                    }

                                    r.QueryParameters.After = after;
                                },
                                ct
                            ),
                    p => p?.Items,
                    p => p?.NextCursor
                );
                await Output.ListAsync(session, tasks, Columns, Row);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    /// <summary><c>id</c> or <c>id=value</c> (an empty value is none).</summary>
    private static (Guid Id, string? Value) FieldArgument(string argument)
    {
        var cut = argument.IndexOf('=', StringComparison.Ordinal);
        var id = cut < 0 ? argument : argument[..cut];
        if (!Guid.TryParse(id, out var fieldId))
        {
            throw new CliException(ExitCodes.Usage, $"--field takes a custom field id, then =value: '{id}' is not an id.");
        }

        return (fieldId, cut < 0 || cut == argument.Length - 1 ? null : argument[(cut + 1)..]);
    }

    /// <summary>A custom field value as the API takes it: JSON when it parses as JSON (numbers, true, arrays), else the text itself.</summary>
    private static object? FieldValue(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            return Plain(json.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }

        static object? Plain(System.Text.Json.JsonElement e) =>
            e.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Number => e.GetDecimal(),
                System.Text.Json.JsonValueKind.True => true,
                System.Text.Json.JsonValueKind.False => false,
                System.Text.Json.JsonValueKind.String => e.GetString(),
                System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(Plain).ToList(),
                System.Text.Json.JsonValueKind.Null => null,
                _ => e.GetRawText(),
            };
    }

    private static Command Show(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var command = new Command("show", "Show one task.") { task };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var found = await session.Client().Api.V1.Tasks[parsed.GetValue(task)].GetAsync(cancellationToken: ct);
                await Print(session, found!);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Create(CliEnvironment env)
    {
        var project = new Option<Guid>("--project", "-p") { Description = "Project id.", Required = true };
        var title = new Option<string>("--title", "-t") { Description = "Title.", Required = true };
        var description = new Option<string?>("--description", "-d") { Description = "Description (markdown)." };
        var status = new Option<string?>("--status") { Description = "todo (default), in_progress or done." };
        status.AcceptOnlyFromAmong(ApiNames.All<StatusCategory>());
        var priority = new Option<string?>("--priority") { Description = "low, normal (default), high or urgent." };
        priority.AcceptOnlyFromAmong(ApiNames.All<TaskPriority>());
        var due = new Option<DateTimeOffset?>("--due") { Description = "Due date and time, e.g. 2027-01-31T17:00:00Z." };
        var assignee = new Option<Guid?>("--assignee") { Description = "Assignee's user id (a workspace member)." };
        var command = new Command("create", "Create a task.") { project, title, description, status, priority, due, assignee };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var created = await session
                    .Client()
                    .Api.V1.Projects[parsed.GetValue(project)]
                    .Tasks.PostAsync(
                        new CreateTaskRequest
                        {
                            Title = parsed.GetValue(title),
                            Description = parsed.GetValue(description),
                            Status = parsed.GetValue(status) is { } s ? ApiNames.Parse<StatusCategory>(s) : null,
                            Priority = parsed.GetValue(priority) is { } p ? ApiNames.Parse<TaskPriority>(p) : null,
                            DueAt = parsed.GetValue(due),
                            AssigneeId = parsed.GetValue(assignee),
                        },
                        cancellationToken: ct
                    );
                await Print(session, created!);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Edit(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var title = new Option<string?>("--title", "-t") { Description = "New title." };
        var description = new Option<string?>("--description", "-d") { Description = "New description (markdown); \"\" clears it." };
        var priority = new Option<string?>("--priority") { Description = "low, normal, high or urgent." };
        priority.AcceptOnlyFromAmong(ApiNames.All<TaskPriority>());
        var due = new Option<DateTimeOffset?>("--due") { Description = "New due date and time." };
        var clearDue = new Option<bool>("--no-due") { Description = "Remove the due date." };
        var ifVersion = new Option<int?>("--if-version") { Description = "Refuse (412) if someone changed the task since this version." };
        var fields = new Option<string[]>("--field")
        {
            Description =
                "Set a custom field: <id>=<value>, the value as JSON (3.5, true, [\"<option id>\"]) or else as text; <id>= clears it. Repeatable.",
        };
        var command = new Command("edit", "Change a task's fields (only the ones given).")
        {
            fields,
            task,
            title,
            description,
            priority,
            due,
            clearDue,
            ifVersion,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                // Absent fields stay as they are and null clears one: the client's backing store sends only the properties set here.
                var patch = new UpdateTaskRequest();
                if (parsed.GetValue(title) is { } t)
                {
                    patch.Title = t;
                }

                if (parsed.GetValue(description) is { } d)
                {
                    patch.Description = d.Length == 0 ? null : d;
                }

                if (parsed.GetValue(priority) is { } p)
                {
                    patch.Priority = ApiNames.Parse<TaskPriority>(p);
                }

                if (parsed.GetValue(due) is { } at)
                {
                    patch.DueAt = at;
                }
                else if (parsed.GetValue(clearDue))
                {
                    patch.DueAt = null;
                }

                var values = parsed.GetValue(fields) ?? [];
                if (values.Length > 0)
                {
                    patch.CustomFields = new UpdateTaskRequest_customFields();
                    foreach (var (id, value) in values.Select(FieldArgument))
                    {
                        patch.CustomFields.AdditionalData[id.ToString()] = FieldValue(value)!;
                    }
                }

                if (
                    values.Length == 0
                    && parsed.GetValue(title) is null
                    && parsed.GetValue(description) is null
                    && parsed.GetValue(priority) is null
                    && parsed.GetValue(due) is null
                    && !parsed.GetValue(clearDue)
                )
                {
                    throw new CliException(
                        ExitCodes.Usage,
                        "nothing to change: give at least one of --title, --description, --priority, --due, --no-due, --field."
                    );
                }

                var version = parsed.GetValue(ifVersion);
                var updated = await session
                    .Client()
                    .Api.V1.Tasks[parsed.GetValue(task)]
                    .PatchAsync(
                        patch,
                        r =>
                        {
                            if (version is not null)
                            {
                                r.Headers.Add("If-Match", $"\"{version}\"");
                            }
                        },
                        ct
                    );
                await Print(session, updated!);
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Move(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var status = new Option<string>("--status")
        {
            Description =
                "Target column: one of the project's statuses by name (see `tasklane statuses`), or a category: todo, in_progress or done (its first status).",
            Required = true,
        };
        var overrideWip = new Option<bool>("--override-wip") { Description = "Exceed the column's WIP limit (admins and owners)." };
        var after = new Option<Guid?>("--after") { Description = "Place directly after this task of the column." };
        var before = new Option<Guid?>("--before")
        {
            Description = "Place directly before this task of the column (neither: end of the column).",
        };
        var command = new Command("move", "Move a task to a column and position on the board.")
        {
            task,
            status,
            after,
            before,
            overrideWip,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var taskId = parsed.GetValue(task);
                var column = await ColumnAsync(session, taskId, parsed.GetValue(status)!, ct);
                if (column is null)
                {
                    session.Env.Error.WriteLine(
                        $"No status named \"{parsed.GetValue(status)}\" in the task's project; see `tasklane statuses`."
                    );
                    return ExitCodes.Usage;
                }

                column.AfterId = parsed.GetValue(after);
                column.BeforeId = parsed.GetValue(before);
                column.OverrideWipLimit = parsed.GetValue(overrideWip) ? true : null;
                return await MoveAsync(session, taskId, column, ct);
            }
        );
        return command;
    }

    private static Command Done(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var command = new Command("done", "Mark a task done (moves it to the end of the done column).") { task };
        command.SetAction(
            async (parsed, ct) =>
                await MoveAsync(Session.Open(parsed, env), parsed.GetValue(task), new MoveTaskRequest { Status = StatusCategory.Done }, ct)
        );
        return command;
    }

    /// <summary>
    /// The move to <paramref name="name"/>: a category as such, else the status of the task's project of that name (ignoring
    /// case); null when there is none.
    /// </summary>
    private static async Task<MoveTaskRequest?> ColumnAsync(Session session, Guid taskId, string name, CancellationToken ct)
    {
        if (ApiNames.All<StatusCategory>().Contains(name))
        {
            return new MoveTaskRequest { Status = ApiNames.Parse<StatusCategory>(name) };
        }

        var client = session.Client();
        var projectId = (await client.Api.V1.Tasks[taskId].GetAsync(cancellationToken: ct))!.ProjectId!.Value;
        var statuses = (await client.Api.V1.Projects[projectId].Statuses.GetAsync(cancellationToken: ct))?.Items ?? [];
        return statuses.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { } status
            ? new MoveTaskRequest { StatusId = status.Id }
            : null;
    }

    private static async Task<int> MoveAsync(Session session, Guid taskId, MoveTaskRequest move, CancellationToken ct)
    {
        var moved = await session.Client().Api.V1.Tasks[taskId].Move.PostAsync(move, cancellationToken: ct);
        await Output.ItemAsync(
            session,
            moved!,
            ("Id", moved!.Id.ToString()),
            ("Status", ApiNames.Of(moved.Status)),
            ("Status id", moved.StatusId.ToString()),
            ("Position", moved.Position?.ToString(CultureInfo.InvariantCulture)),
            ("Version", moved.Version?.ToString(CultureInfo.InvariantCulture))
        );
        return ExitCodes.Ok;
    }

    private static Command Delete(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var command = new Command("delete", "Move a task and its sub-tasks to the trash (restorable for 30 days).") { task };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                await session.Client().Api.V1.Tasks[parsed.GetValue(task)].DeleteAsync(cancellationToken: ct);
                session.Console.WriteLine(
                    $"Moved {parsed.GetValue(task)} to the trash: 'tasklane trash' lists it, 'tasklane tasks restore' brings it back."
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Restore(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var command = new Command("restore", "Bring a task back from the trash, with the sub-tasks deleted with it.") { task };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                await Print(
                    session,
                    (await session.Client().Api.V1.Tasks[parsed.GetValue(task)].Restore.PostAsync(cancellationToken: ct))!
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Recur(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var frequency = new Option<string?>("--frequency", "-f")
        {
            Description = "daily, weekly (with --days), monthly (with --month-day) or every_n_days (with --interval).",
        };
        frequency.AcceptOnlyFromAmong(ApiNames.All<RecurrenceFrequency>());
        var days = new Option<string?>("--days") { Description = "weekly: the days, comma-separated, e.g. monday,thursday." };
        var monthDay = new Option<int?>("--month-day") { Description = "monthly: the day, 1-31 (a shorter month uses its last day)." };
        var interval = new Option<int?>("--interval") { Description = "every_n_days: the number of days, 1-366." };
        var at = new Option<string>("--at") { Description = "The wall-clock time, HH:mm.", DefaultValueFactory = _ => "09:00" };
        var zone = new Option<string>("--tz") { Description = "The IANA time zone it is read in.", DefaultValueFactory = _ => "UTC" };
        var off = new Option<bool>("--off") { Description = "Stop the task recurring." };
        var command = new Command(
            "recur",
            "Show how a task recurs; with --frequency, make it recur (the next occurrence is created when it is done or its date comes); with --off, stop."
        )
        {
            task,
            frequency,
            days,
            monthDay,
            interval,
            at,
            zone,
            off,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var recurrence = session.Client().Api.V1.Tasks[parsed.GetValue(task)].Recurrence;
                if (parsed.GetValue(off))
                {
                    await recurrence.DeleteAsync(cancellationToken: ct);
                    session.Console.WriteLine($"{parsed.GetValue(task)} no longer recurs.");
                    return ExitCodes.Ok;
                }

                var shown = parsed.GetValue(frequency) is { } name
                    ? await recurrence.PutAsync(
                        new SetRecurrenceRequest
                        {
                            Frequency = ApiNames.Parse<RecurrenceFrequency>(name),
                            Weekdays = parsed.GetValue(days) is { } list
                                ? [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                                : null,
                            MonthDay = parsed.GetValue(monthDay),
                            Interval = parsed.GetValue(interval),
                            Time = parsed.GetValue(at),
                            TimeZone = parsed.GetValue(zone),
                        },
                        cancellationToken: ct
                    )
                    : await recurrence.GetAsync(cancellationToken: ct);
                await Output.ItemAsync(
                    session,
                    shown!,
                    ("Id", shown!.Id.ToString()),
                    ("Task", shown.TaskId.ToString()),
                    ("Frequency", ApiNames.Of(shown.Frequency)),
                    ("Days", string.Join(",", shown.Weekdays ?? [])),
                    ("Month day", shown.MonthDay?.ToString(CultureInfo.InvariantCulture)),
                    ("Interval", shown.Interval?.ToString(CultureInfo.InvariantCulture)),
                    ("At", $"{shown.Time} {shown.TimeZone}"),
                    ("Next", Output.Date(shown.NextAt)),
                    ("Version", shown.Version?.ToString(CultureInfo.InvariantCulture))
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }
}
