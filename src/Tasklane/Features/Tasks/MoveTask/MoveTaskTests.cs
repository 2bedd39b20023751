using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.MoveTask;

public class MoveTaskTests
{
    private static async Task<Guid> TaskAsync(ApiClient client, Guid projectId, string title, string status = "todo") =>
        (await client.CreateTaskAsync(projectId, new { title, status })).GetProperty("id").GetGuid();

    /// <summary>The column's task ids in board order, with their positions.</summary>
    private static async Task<List<(Guid Id, double Position)>> ColumnAsync(ApiClient client, Guid projectId, string status)
    {
        var page = await client.GetAsync($"projects/{projectId}/tasks?status={status}&limit=200");
        return page.GetProperty("items")
            .EnumerateArray()
            .Select(t => (t.GetProperty("id").GetGuid(), t.GetProperty("position").GetDouble()))
            .OrderBy(t => t.Item2)
            .ToList();
    }

    private static Task<HttpResponseMessage> MoveAsync(ApiClient client, Guid taskId, object body) =>
        client.Http.PostAsJsonAsync($"tasks/{taskId}/move", body);

    [Test]
    public async Task Moves_a_task_between_two_neighbours_and_bumps_the_version()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(client, projectId, "a");
        var b = await TaskAsync(client, projectId, "b");
        var c = await TaskAsync(client, projectId, "c");
        async Task<double> Position(Guid id) => (await client.GetAsync($"tasks/{id}")).GetProperty("position").GetDouble();
        var (pa, pb, pc) = (await Position(a), await Position(b), await Position(c));

        var response = await MoveAsync(
            client,
            c,
            new
            {
                status = "todo",
                afterId = a,
                beforeId = b,
            }
        );
        var moved = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(moved.GetProperty("position").GetDouble(), Is.EqualTo((pa + pb) / 2), "the midpoint of its new neighbours");
            Assert.That((await ColumnAsync(client, projectId, "todo")).Select(t => t.Id), Is.EqualTo(new[] { a, c, b }));
            Assert.That((await client.GetAsync($"tasks/{c}")).GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            f => f.GetProperty("items")[0].GetProperty("kind").GetString() == "task.moved"
        );
        var data = feed.GetProperty("items")[0].GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("from").GetProperty("position").GetDouble(), Is.EqualTo(pc));
            Assert.That(data.GetProperty("to").GetProperty("position").GetDouble(), Is.EqualTo((pa + pb) / 2));
            Assert.That(data.GetProperty("to").GetProperty("status").GetString(), Is.EqualTo("todo"));
        });
    }

    [Test]
    public async Task Moves_to_another_column_at_the_top_the_end_or_after_a_task()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var d1 = await TaskAsync(client, projectId, "d1", "done");
        var d2 = await TaskAsync(client, projectId, "d2", "done");
        var top = await TaskAsync(client, projectId, "top");
        var end = await TaskAsync(client, projectId, "end");
        var after = await TaskAsync(client, projectId, "after");
        var empty = await TaskAsync(client, projectId, "empty");

        await client.PostAsync($"tasks/{top}/move", new { status = "done", beforeId = d1 }, HttpStatusCode.OK);
        await client.PostAsync($"tasks/{end}/move", new { status = "done" }, HttpStatusCode.OK);
        await client.PostAsync($"tasks/{after}/move", new { status = "done", afterId = d1 }, HttpStatusCode.OK);
        var intoEmpty = await client.PostAsync($"tasks/{empty}/move", new { status = "in_progress" }, HttpStatusCode.OK);

        Assert.That((await ColumnAsync(client, projectId, "done")).Select(t => t.Id), Is.EqualTo(new[] { top, d1, after, d2, end }));
        Assert.That(intoEmpty.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        Assert.That(await ColumnAsync(client, projectId, "todo"), Is.Empty);
    }

    [Test]
    public async Task Twenty_concurrent_moves_into_one_gap_end_strictly_ordered()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(client, projectId, "a");
        var b = await TaskAsync(client, projectId, "b");
        var movers = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            movers.Add(await TaskAsync(client, projectId, $"m{i}", "done"));
        }

        var responses = await Task.WhenAll(
            movers.Select(m =>
                MoveAsync(
                    client,
                    m,
                    new
                    {
                        status = "todo",
                        afterId = a,
                        beforeId = b,
                    }
                )
            )
        );

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var column = await ColumnAsync(client, projectId, "todo");
        var positions = column.Select(t => t.Position).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(column, Has.Count.EqualTo(22));
            Assert.That(column[0].Id, Is.EqualTo(a));
            Assert.That(column[^1].Id, Is.EqualTo(b));
            Assert.That(column.Skip(1).SkipLast(1).Select(t => t.Id), Is.EquivalentTo(movers));
            Assert.That(positions.Distinct().Count(), Is.EqualTo(22), "no two tasks share a position");
            Assert.That(positions.Zip(positions.Skip(1)).All(p => p.First < p.Second), Is.True, "strictly increasing");
        });
    }

    [Test]
    public async Task A_gap_too_small_to_split_renumbers_the_column_and_keeps_the_order()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(client, projectId, "a");
        var b = await TaskAsync(client, projectId, "b");
        var x = await TaskAsync(client, projectId, "x", "done");
        var y = await TaskAsync(client, projectId, "y", "done");

        // Each move halves the gap right after a: 1024 / 2^60 is far below 1e-9, so renumbering must kick in.
        await client.PostAsync(
            $"tasks/{x}/move",
            new
            {
                status = "todo",
                afterId = a,
                beforeId = b,
            },
            HttpStatusCode.OK
        );
        var (mover, neighbour) = (y, x);
        for (var i = 0; i < 60; i++)
        {
            await client.PostAsync(
                $"tasks/{mover}/move",
                new
                {
                    status = "todo",
                    afterId = a,
                    beforeId = neighbour,
                },
                HttpStatusCode.OK
            );
            (mover, neighbour) = (neighbour, mover);
        }

        var column = await ColumnAsync(client, projectId, "todo");
        var positions = column.Select(t => t.Position).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(column.Select(t => t.Id), Is.EqualTo(new[] { a, neighbour, mover, b }));
            Assert.That(positions.Zip(positions.Skip(1)).Min(p => p.Second - p.First), Is.GreaterThanOrEqualTo(1e-9));
        });
    }

    [Test]
    public async Task Neighbours_must_be_in_the_target_column_of_the_same_project()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var other = await client.CreateProjectAsync(workspaceId, "Other");
        var task = await TaskAsync(client, projectId, "t");
        var todo = await TaskAsync(client, projectId, "todo");
        var later = await TaskAsync(client, projectId, "later");
        var done = await TaskAsync(client, projectId, "done", "done");
        var elsewhere = await TaskAsync(client, other, "elsewhere");

        await (await MoveAsync(client, task, new { status = "todo", afterId = done })).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "afterId"
        );
        await (await MoveAsync(client, task, new { status = "todo", beforeId = elsewhere })).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "beforeId"
        );
        await (await MoveAsync(client, task, new { status = "todo", beforeId = Guid.CreateVersion7() })).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "beforeId"
        );
        await (
            await MoveAsync(
                client,
                task,
                new
                {
                    status = "todo",
                    afterId = later,
                    beforeId = todo,
                }
            )
        ).AssertProblemAsync(HttpStatusCode.BadRequest, "beforeId");
        await (await MoveAsync(client, task, new { status = "todo", afterId = task })).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "afterId"
        );
        Assert.That((await client.GetAsync($"tasks/{task}")).GetProperty("version").GetInt32(), Is.EqualTo(1), "nothing moved");
    }

    [TestCase("{}", "status")]
    [TestCase("""{"status":"blocked"}""", "status")]
    [TestCase("""{"status":"todo","afterId":"nope"}""", "afterId")]
    [TestCase("null", "body")]
    public async Task Invalid_bodies_are_400(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(client, projectId, "t");

        await (await client.SendRawAsync(HttpMethod.Post, $"tasks/{task}/move", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>An unknown status lists the values; none is required.</summary>
    [TestCase("""{"status":"blocked"}""", "Must be one of: todo, in_progress, done.")]
    [TestCase("""{"status":"IN_PROGRESS"}""", "Must be one of: todo, in_progress, done.")]
    [TestCase("""{"status":null}""", "Required, unless statusId is sent.")]
    [TestCase("""{}""", "Required, unless statusId is sent.")]
    [TestCase("""{"status":2}""", "Has the wrong type or format.")]
    public async Task An_unknown_or_missing_status_says_which_are_known(string body, string message)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(client, projectId, "t");

        var problem = await (await client.SendRawAsync(HttpMethod.Post, $"tasks/{task}/move", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "status"
        );

        Assert.That(problem.ErrorsOf("status"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public async Task A_stale_if_match_is_412()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(client, projectId, "t");
        await client.PostAsync($"tasks/{task}/move", new { status = "done" }, HttpStatusCode.OK);

        var stale = await client.SendRawAsync(
            HttpMethod.Post,
            $"tasks/{task}/move",
            """{"status":"todo"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var current = await client.SendRawAsync(
            HttpMethod.Post,
            $"tasks/{task}/move",
            """{"status":"todo"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\"")
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_task_of_an_archived_project_cannot_move()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(client, projectId, "t");
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await MoveAsync(client, task, new { status = "done" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await client.GetAsync($"tasks/{task}")).GetProperty("status").GetString(), Is.EqualTo("todo"));
    }

    [Test]
    public async Task Another_users_task_is_not_found_and_stays()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(owner, projectId, "t");

        await (await MoveAsync(stranger, task, new { status = "done" })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await owner.GetAsync($"tasks/{task}")).GetProperty("status").GetString(), Is.EqualTo("todo"));
    }

    [TestCase(null, null, 1024)]
    [TestCase(2048d, null, 3072)]
    [TestCase(null, 1024d, 0)]
    [TestCase(1024d, 2048d, 1536)]
    [TestCase(1024d, 1024.0000000001, null)]
    [TestCase(5d, 5d, null)]
    public void Between_takes_the_midpoint_or_asks_for_renumbering(double? lo, double? hi, double? expected)
    {
        Assert.That(MoveTaskDecision.Between(lo, hi), Is.EqualTo(expected));
    }

    [Test]
    public void Between_never_returns_a_bound_for_huge_positions()
    {
        var lo = 1e12;
        var hi = Math.BitIncrement(lo);

        Assert.That(hi - lo, Is.GreaterThan(MoveTaskDecision.MinGap), "adjacent doubles this large are further apart than MinGap");
        Assert.That(MoveTaskDecision.Between(lo, hi), Is.Null, "no double lies strictly between them");
    }
}
