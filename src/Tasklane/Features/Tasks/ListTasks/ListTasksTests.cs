using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.ListTasks;

public class ListTasksTests
{
    [Test]
    public async Task Pages_through_every_task_once_and_filters_by_status()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(
                (await client.CreateTaskAsync(projectId, new { title = $"Task {i}", status = i % 2 == 0 ? "todo" : "done" }))
                    .GetProperty("id")
                    .GetGuid()
            );
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetAsync($"projects/{projectId}/tasks?limit=2" + (cursor is null ? "" : $"&after={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        var done = await client.GetAsync($"projects/{projectId}/tasks?status=done");

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen, Is.EquivalentTo(created).And.Unique);
            Assert.That(
                done.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("status").GetString()),
                Is.EqualTo(new[] { "done", "done" })
            );
        });
    }

    private static async Task<List<JsonElement>> AllPagesAsync(ApiClient client, string path, int limit = 2)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await client.GetAsync(
                $"{path}{(path.Contains('?') ? "&" : "?")}limit={limit}" + (cursor is null ? "" : $"&after={cursor}")
            );
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        return items;
    }

    private static readonly string[] PriorityOrder = ["low", "normal", "high", "urgent"];

    [Test]
    public async Task Every_sort_pages_through_all_tasks_in_key_order_both_ways()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        string?[] dues = ["2030-01-03T00:00:00Z", null, "2030-01-01T00:00:00Z", "2030-01-03T00:00:00Z", null, "2030-01-02T00:00:00Z", null];
        var ids = new List<Guid>();
        for (var i = 0; i < dues.Length; i++)
        {
            ids.Add((
                    await client.CreateTaskAsync(
                        projectId,
                        new
                        {
                            title = $"T{i}",
                            priority = PriorityOrder[i % 4],
                            status = StatusCategory.All[i % 3],
                            dueAt = dues[i],
                        }
                    )
                ).GetProperty("id").GetGuid());
        }

        // updatedAt differs from creation order once some tasks change later
        await client.PatchAsync($"tasks/{ids[0]}", new { title = "T0 again" });
        await client.PatchAsync($"tasks/{ids[3]}", new { title = "T3 again" });
        var all = (await client.GetAsync($"projects/{projectId}/tasks?limit=200")).GetProperty("items").EnumerateArray().ToList();

        var keys = new Dictionary<string, Func<JsonElement, IComparable?>>
        {
            ["createdAt"] = t => null,
            ["position"] = t => t.GetProperty("position").GetDouble(),
            ["priority"] = t => Array.IndexOf(PriorityOrder, t.GetProperty("priority").GetString()),
            ["updatedAt"] = t => t.GetProperty("updatedAt").GetDateTime(),
            ["dueAt"] = t => t.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? null : t.GetProperty("dueAt").GetDateTime(),
        };
        foreach (var (sort, key) in keys)
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                var byKey =
                    order == "asc"
                        ? all.OrderBy(t => key(t) is null ? 1 : 0).ThenBy(key).ThenBy(t => t.GetProperty("id").GetGuid())
                        : all.OrderBy(t => key(t) is null ? 1 : 0)
                            .ThenByDescending(key)
                            .ThenByDescending(t => t.GetProperty("id").GetGuid());
                var expected = byKey.Select(t => t.GetProperty("id").GetGuid()).ToList();

                var seen = (await AllPagesAsync(client, $"projects/{projectId}/tasks?sort={sort}&order={order}")).Select(t =>
                    t.GetProperty("id").GetGuid()
                );

                Assert.That(seen, Is.EqualTo(expected), $"sort={sort}&order={order}");
            }
        }
    }

    [Test]
    public async Task Filters_by_status_assignee_label_priority_due_dates_text_and_parent()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var labelId = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();
        async Task<Guid> Create(object body) => (await client.CreateTaskAsync(projectId, body)).GetProperty("id").GetGuid();
        var a = await Create(
            new
            {
                title = "Fix 100% of login",
                status = "todo",
                priority = "high",
                dueAt = "2030-01-01T00:00:00Z",
                assigneeIds = new[] { client.UserId },
            }
        );
        var b = await Create(
            new
            {
                title = "Write docs",
                status = "in_progress",
                priority = "low",
                dueAt = "2030-02-01T00:00:00Z",
                labelIds = new[] { labelId },
            }
        );
        var c = await Create(
            new
            {
                title = "Deploy login",
                status = "done",
                priority = "high",
                parentId = a,
            }
        );

        async Task<Guid[]> Ids(string query) =>
            (await client.GetAsync($"projects/{projectId}/tasks?{query}"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(t => t.GetProperty("id").GetGuid())
                .ToArray();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids("status=todo,done"), Is.EqualTo(new[] { a, c }));
            Assert.That(await Ids("status=todo&status=in_progress"), Is.EqualTo(new[] { a, b }));
            Assert.That(await Ids($"assigneeId={client.UserId}"), Is.EqualTo(new[] { a }));
            Assert.That(await Ids($"labelId={labelId}"), Is.EqualTo(new[] { b }));
            Assert.That(await Ids("priority=high"), Is.EqualTo(new[] { a, c }));
            Assert.That(await Ids("dueBefore=2030-01-15T00:00:00Z"), Is.EqualTo(new[] { a }));
            Assert.That(await Ids("dueAfter=2030-01-15T00:00:00Z"), Is.EqualTo(new[] { b }));
            Assert.That(await Ids("q=LOGIN"), Is.EqualTo(new[] { a, c }));
            Assert.That(await Ids("q=100%25"), Is.EqualTo(new[] { a }), "% is a literal, not a wildcard");
            Assert.That(await Ids("q=1_0"), Is.Empty, "_ is a literal, not a wildcard");
            Assert.That(await Ids($"parentId={a}"), Is.EqualTo(new[] { c }));
            Assert.That(await Ids("status=todo&sort=position&priority=low"), Is.Empty);
        });
    }

    [Test]
    public async Task Blocked_and_hasOpenBlockers_filter_by_the_tasks_blockers_anywhere_in_the_workspace()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var elsewhere = await client.CreateProjectAsync(workspaceId, "Elsewhere");
        async Task<Guid> TaskAsync(Guid project, string title) =>
            (await client.CreateTaskAsync(project, new { title })).GetProperty("id").GetGuid();
        var waiting = await TaskAsync(projectId, "Waiting on an open blocker");
        var unblocked = await TaskAsync(projectId, "Its blocker is done");
        var free = await TaskAsync(projectId, "Nothing blocks it");
        var openBlocker = await TaskAsync(elsewhere, "Open blocker");
        var doneBlocker = await TaskAsync(projectId, "Done blocker");
        await client.PostAsync($"tasks/{openBlocker}/relations", new { type = "blocks", taskId = waiting });
        await client.PostAsync($"tasks/{unblocked}/relations", new { type = "blocked_by", taskId = doneBlocker });
        await client.PostAsync($"tasks/{free}/relations", new { type = "relates_to", taskId = waiting });
        await client.PatchAsync($"tasks/{doneBlocker}", new { status = "done" });

        async Task<Guid[]> Ids(string query) =>
            (await client.GetAsync($"projects/{projectId}/tasks?{query}"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(t => t.GetProperty("id").GetGuid())
                .ToArray();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids("blocked=true"), Is.EqualTo(new[] { waiting, unblocked }));
            Assert.That(await Ids("blocked=false"), Is.EqualTo(new[] { free, doneBlocker }));
            Assert.That(await Ids("hasOpenBlockers=true"), Is.EqualTo(new[] { waiting }));
            Assert.That(await Ids("hasOpenBlockers=false"), Is.EqualTo(new[] { unblocked, free, doneBlocker }));
            var problem = await (await client.Http.GetAsync($"projects/{projectId}/tasks?blocked=yes")).AssertProblemAsync(
                HttpStatusCode.BadRequest,
                "blocked"
            );
            Assert.That(problem.ErrorsOf("blocked"), Is.EqualTo(new[] { "Must be true or false." }));
        });

        // A blocker in the trash blocks nothing until it is restored.
        (await client.Http.DeleteAsync($"tasks/{openBlocker}")).EnsureSuccessStatusCode();
        Assert.That(await Ids("blocked=true"), Is.EqualTo(new[] { unblocked }));
    }

    [Test]
    public async Task A_cursor_that_was_edited_or_belongs_to_another_sort_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.CreateTaskAsync(projectId);
        await client.CreateTaskAsync(projectId);
        var cursor = (await client.GetAsync($"projects/{projectId}/tasks?sort=priority&limit=1")).GetProperty("nextCursor").GetString()!;
        var edited = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        await (await client.Http.GetAsync($"projects/{projectId}/tasks?sort=priority&limit=1&after={edited}")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "after"
        );
        await (await client.Http.GetAsync($"projects/{projectId}/tasks?sort=dueAt&limit=1&after={cursor}")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "after"
        );
        await (
            await client.Http.GetAsync($"projects/{projectId}/tasks?sort=priority&order=desc&limit=1&after={cursor}")
        ).AssertProblemAsync(HttpStatusCode.BadRequest, "after");
        var next = await client.GetAsync($"projects/{projectId}/tasks?sort=priority&limit=1&after={cursor}");
        Assert.That(next.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void Cursors_round_trip_every_key_type_and_refuse_any_edit()
    {
        var id = Guid.CreateVersion7();
        var at = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1230); // microsecond precision, as stored
        TaskCursor[] cursors =
        [
            new(TaskSort.CreatedAt, false, null, id),
            new(TaskSort.Position, true, 1536.25, id),
            new(TaskSort.Priority, false, (short)3, id),
            new(TaskSort.DueAt, false, at, id),
            new(TaskSort.DueAt, true, null, id),
            new(TaskSort.UpdatedAt, true, at, id),
            new(TaskSort.CustomField, false, new CustomFieldKey(CustomFieldKey.Tag(id), true), id),
            new(TaskSort.CustomField, true, new CustomFieldKey(-5, false), id),
        ];

        foreach (var cursor in cursors)
        {
            var text = TaskCursors.Encode(cursor);
            Assert.That(TaskCursors.Decode(text), Is.EqualTo(cursor), text);
            for (var i = 0; i < text.Length; i++)
            {
                var edited = text[..i] + (text[i] == 'x' ? 'y' : 'x') + text[(i + 1)..];
                // null, or the same cursor when the edit only touched base64 padding bits; never another position
                var decoded = TaskCursors.Decode(edited);
                Assert.That(decoded is null || decoded == cursor, Is.True, $"edit at {i} of {text} decoded to {decoded}");
            }
        }
    }

    [TestCase("sort=title", "sort")]
    [TestCase("order=up", "order")]
    [TestCase("priority=meh", "priority")]
    [TestCase("assigneeId=me", "assigneeId")]
    [TestCase("labelId=1", "labelId")]
    [TestCase("parentId=x", "parentId")]
    [TestCase("dueBefore=tomorrow", "dueBefore")]
    [TestCase("dueAfter=2030-01-01", "dueAfter")]
    [TestCase("status=todo,later", "status")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("status=later", "status")]
    [TestCase("after=garbage", "after")]
    [TestCase("priority=low&priority=low,low,low,low,low,low,low,low,low,low", "priority")]
    // A cursor of the text form this API issued before the cursors were unified ("v1|createdAt|asc||<id>|<check>"): a 400, not a 5xx.
    [TestCase("after=djF8Y3JlYXRlZEF0fGFzY3x8MDE5MGExYjJjM2Q0N2U1ZjhhOWIwYzFkMmUzZjRhNWJ8NGU3MDNkODU", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        await (await client.Http.GetAsync($"projects/{projectId}/tasks?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>Each unknown value of a list filter is named, with the values it may take.</summary>
    [TestCase(
        "status=later,todo,soon",
        "status",
        "'later' is not one of: todo, in_progress, done.",
        "'soon' is not one of: todo, in_progress, done."
    )]
    [TestCase("priority=Low", "priority", "'Low' is not one of: low, normal, high, urgent.")]
    public async Task Unknown_filter_values_are_named(string query, string field, params string[] messages)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var problem = await (await client.Http.GetAsync($"projects/{projectId}/tasks?{query}")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            field
        );

        Assert.That(problem.ErrorsOf(field), Is.EqualTo(messages));
    }

    [Test]
    public async Task A_limit_that_is_not_a_number_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.GetAsync($"projects/{projectId}/tasks?limit=ten");
        var longText = await client.Http.GetAsync($"projects/{projectId}/tasks?q={new string('q', 201)}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await longText.AssertProblemAsync(HttpStatusCode.BadRequest, "q");
    }

    [Test]
    public async Task Another_users_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.CreateTaskAsync(projectId);

        await (await stranger.Http.GetAsync($"projects/{projectId}/tasks")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public void A_list_filter_takes_at_most_ListMax_values_counting_repeats()
    {
        static ICollection<string> Errors(int count)
        {
            var values = string.Join(',', Enumerable.Repeat("todo", count));
            TaskListQuery.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["status"] = values }), out var errors);
            return errors.Any ? ((HttpValidationProblemDetails)errors.ToProblem()).Errors.Keys : [];
        }

        Assert.Multiple(() =>
        {
            Assert.That(Errors(TaskListQuery.ListMax), Is.Empty);
            Assert.That(Errors(TaskListQuery.ListMax + 1), Is.EquivalentTo(new[] { "status" }));
        });
    }

    [Test]
    public void Every_documented_parameter_is_read_by_the_parser()
    {
        var names = typeof(TaskListParameters)
            .GetProperties()
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();
        var sort = typeof(TaskListParameters)
            .GetProperty(nameof(TaskListParameters.Sort))!
            .GetCustomAttribute<System.ComponentModel.DataAnnotations.AllowedValuesAttribute>()!;

        Assert.Multiple(() =>
        {
            // Every parameter given twice is refused (a list for its value, any other for being repeated): so the parser reads it.
            foreach (var name in names)
            {
                TaskListQuery.Parse(new QueryCollection(new Dictionary<string, StringValues> { [name] = new(["1", "2"]) }), out var errors);
                var problem = (HttpValidationProblemDetails)errors.ToProblem();
                Assert.That(problem.Errors.Keys, Does.Contain(name), name);
            }

            Assert.That(sort.Values, Is.EquivalentTo(TaskListQuery.Sorts.Keys), "the documented sorts are the parsed ones");
        });
    }
}
