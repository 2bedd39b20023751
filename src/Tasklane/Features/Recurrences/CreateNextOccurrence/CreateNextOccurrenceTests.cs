using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using Wolverine;
using static Tasklane.Features.Recurrences.RecurrenceTestKit;

namespace Tasklane.Features.Recurrences.CreateNextOccurrence;

public class CreateNextOccurrenceTests
{
    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>
    /// The recurrence's row: its current task and version. (This and <see cref="FireNowAsync"/> serve the area's tests from
    /// here: SQL in C# string literals is for *Tests.cs files only.)
    /// </summary>
    public static async Task<(Guid TaskId, int Version)> RowAsync(Guid recurrenceId, string? connectionString = null)
    {
        await using var db = new NpgsqlConnection(connectionString ?? TestEnvironment.Services.PostgresConnectionString);
        return await db.QuerySingleAsync<(Guid, int)>(
            "select task_id, version from task_recurrences where id = @recurrenceId",
            new { recurrenceId }
        );
    }

    /// <summary>
    /// Makes the recurrence's scheduled messages due now, as if its next date had come: Wolverine's scheduled-message poll
    /// moves them into the queue. Returns how many there were.
    /// </summary>
    public static async Task<int> FireNowAsync(Guid recurrenceId, string? connectionString = null)
    {
        await using var db = new NpgsqlConnection(connectionString ?? TestEnvironment.Services.PostgresConnectionString);
        return await db.ExecuteAsync(
            """
            update wolverine_queues.wolverine_queue_recurrences_scheduled set execution_time = now()
            where position(convert_to(@id, 'UTF8') in body) > 0
            """,
            new { id = recurrenceId.ToString() }
        );
    }

    [Test]
    public async Task Completing_creates_the_next_occurrence_once_in_the_rules_time_zone_across_the_spring_change()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var labelId = Id(await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Weekly", color = "#00ff00" }));
        var first = Id(
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Team report",
                    description = "Numbers of the week",
                    priority = "high",
                    estimate = 30,
                    startAt = "2027-03-19T15:00:00Z",
                    dueAt = "2027-03-19T17:00:00Z",
                    assigneeIds = new[] { member.UserId },
                    labelIds = new[] { labelId },
                }
            )
        );
        var recurrenceId = Id(
            await SetAsync(
                owner,
                first,
                new
                {
                    frequency = "weekly",
                    weekdays = new[] { "monday" },
                    time = "09:00",
                    timeZone = "Europe/Berlin",
                }
            )
        );

        // Completed, reopened and completed again: one next occurrence.
        await owner.PostAsync($"tasks/{first}/move", new { status = "done" }, HttpStatusCode.OK);
        var two = await EventuallyTasksAsync(owner, projectId, 2);
        await owner.PatchAsync($"tasks/{first}", new { status = "todo" });
        await owner.PatchAsync($"tasks/{first}", new { status = "done" });
        var second = two.Single(t => Id(t) != first);
        var secondRecurrence = await owner.GetAsync($"tasks/{Id(second)}/recurrence");

        // The next one, completed by bulk edit: its occurrence is after the change to summer time (2027-03-28).
        await owner.PostAsync(
            $"projects/{projectId}/tasks/bulk",
            new { taskIds = new[] { Id(second) }, status = "done" },
            HttpStatusCode.OK
        );
        var three = await EventuallyTasksAsync(owner, projectId, 3);
        await Task.Delay(1000);
        var all = await TasksAsync(owner, projectId);
        var third = three.Single(t => Id(t) != first && Id(t) != Id(second));

        Assert.Multiple(async () =>
        {
            Assert.That(all, Has.Length.EqualTo(3), "one occurrence per completion of the current task, however often it is completed");
            Assert.That(second.GetProperty("title").GetString(), Is.EqualTo("Team report"));
            Assert.That(second.GetProperty("description").GetString(), Is.EqualTo("Numbers of the week"));
            Assert.That(second.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(second.GetProperty("estimate").GetInt32(), Is.EqualTo(30));
            Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("todo"));
            Assert.That(second.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(new[] { member.UserId }));
            Assert.That(second.GetProperty("labelIds").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(new[] { labelId }));
            Assert.That(second.GetProperty("createdBy").GetGuid(), Is.EqualTo(owner.UserId), "who completed the task");
            // Monday 09:00 in Berlin: 08:00 UTC in winter time, 07:00 UTC in summer time.
            Assert.That(second.GetProperty("dueAt").GetString(), Is.EqualTo("2027-03-22T08:00:00Z"));
            Assert.That(second.GetProperty("startAt").GetString(), Is.EqualTo("2027-03-22T06:00:00Z"), "as long before as the first");
            Assert.That(third.GetProperty("dueAt").GetString(), Is.EqualTo("2027-03-29T07:00:00Z"));
            Assert.That(secondRecurrence.GetProperty("id").GetGuid(), Is.EqualTo(recurrenceId));
            Assert.That(secondRecurrence.GetProperty("nextAt").GetString(), Is.EqualTo("2027-03-29T07:00:00Z"));
            Assert.That(secondRecurrence.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(await RowAsync(recurrenceId), Is.EqualTo((Id(third), 3)));
            await (await owner.Http.GetAsync($"tasks/{first}/recurrence")).AssertProblemAsync(HttpStatusCode.NotFound);
        });
    }

    [Test]
    public async Task The_date_creates_the_next_occurrence_once_however_often_its_message_is_delivered()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var first = Id(await owner.CreateTaskAsync(projectId, new { title = "Stand-up" }));
        var set = await SetAsync(owner, first, Daily("08:00", "Europe/Berlin"));
        var recurrenceId = Id(set);

        Assert.That(await FireNowAsync(recurrenceId), Is.EqualTo(1));
        var two = await EventuallyTasksAsync(owner, projectId, 2);
        var second = two.Single(t => Id(t) != first);
        Assert.That(await RowAsync(recurrenceId), Is.EqualTo((Id(second), 2)));

        // Redeliveries of the message that fired (version 1), and three copies of the next one (version 2) at once, as a
        // redelivery after a crash racing the original on another worker would run.
        await using var scope = TestEnvironment.Hosts.Worker!.Services.CreateAsyncScope();
        var worker = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        TaskRecurrenceDue Due(int version, Guid taskId) =>
            new(Guid.CreateVersion7(), workspaceId, projectId, taskId, owner.UserId, DateTime.UtcNow, recurrenceId, version);
        await worker.InvokeAsync(Due(1, first));
        await worker.InvokeAsync(Due(1, first));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => worker.InvokeAsync(Due(2, Id(second)))));
        await Task.Delay(500);
        var all = await TasksAsync(owner, projectId);
        var third = all.Single(t => Id(t) != first && Id(t) != Id(second));

        Assert.Multiple(async () =>
        {
            Assert.That(all, Has.Length.EqualTo(3));
            Assert.That(
                second.GetProperty("dueAt").GetDateTime().ToUniversalTime(),
                Is.EqualTo(set.GetProperty("nextAt").GetDateTime().ToUniversalTime())
            );
            Assert.That(second.GetProperty("createdBy").GetGuid(), Is.EqualTo(owner.UserId), "the rule's author, when the date came");
            Assert.That(await RowAsync(recurrenceId), Is.EqualTo((Id(third), 3)));
            Assert.That(
                third.GetProperty("dueAt").GetDateTime().ToUniversalTime(),
                Is.EqualTo(second.GetProperty("dueAt").GetDateTime().ToUniversalTime().AddDays(1)).Within(TimeSpan.FromHours(1)),
                "a day later (an hour either way across a time change)"
            );
        });
    }

    [Test]
    public async Task An_occurrence_whose_task_is_in_the_trash_is_skipped_and_the_series_keeps_time()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = Id(await owner.CreateTaskAsync(projectId, new { title = "Paused" }));
        var set = await SetAsync(owner, taskId, Daily("06:00"));
        var recurrenceId = Id(set);
        (await owner.Http.DeleteAsync($"tasks/{taskId}")).EnsureSuccessStatusCode();

        await FireNowAsync(recurrenceId);
        var row = await ApiClient.EventuallyAsync(() => RowAsync(recurrenceId), r => r.Version == 2, Patience);
        await owner.PostAsync($"tasks/{taskId}/restore", null, HttpStatusCode.OK);
        var recurrence = await owner.GetAsync($"tasks/{taskId}/recurrence");

        Assert.Multiple(async () =>
        {
            Assert.That(row, Is.EqualTo((taskId, 2)), "skipped: the series stays with its task");
            Assert.That(await TasksAsync(owner, projectId), Has.Length.EqualTo(1), "no occurrence of a task in the trash");
            Assert.That(
                recurrence.GetProperty("nextAt").GetDateTime().ToUniversalTime(),
                Is.EqualTo(set.GetProperty("nextAt").GetDateTime().ToUniversalTime().AddDays(1)),
                "the next date is the one after the skipped one"
            );
        });
    }

    /// <summary>
    /// The "a recurring task whose worker is SIGKILLed as it fires": many series fire at once on a worker process of
    /// their own, which is killed as the first occurrences appear and restarted. Every series gets exactly one next task.
    /// </summary>
    [Test]
    public async Task A_worker_killed_as_the_occurrences_fire_creates_each_exactly_once_after_a_restart()
    {
        const int series = 60;
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        var owner = await ApiClient.SignUpAsync(hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId);
        for (var i = 0; i < series; i++)
        {
            var taskId = Id(await owner.CreateTaskAsync(projectId, new { title = $"Series {i}" }));
            await SetAsync(owner, taskId, Daily("03:00", "Asia/Tokyo"));
        }

        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        // Few messages at a time, so that the kill finds some series advanced and others not yet.
        await using var worker = await HostProcess.StartWorkerAsync(
            services,
            new Dictionary<string, string?>
            {
                ["Worker:BatchSize"] = "5",
                ["Worker:Parallelism"] = "2",
                ["Worker:PollingMilliseconds"] = "200",
            }
        );
        var fired = await db.ExecuteAsync("update wolverine_queues.wolverine_queue_recurrences_scheduled set execution_time = now()");
        var atKill = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<long>("select count(*) from tasks"),
            n => n > series,
            TimeSpan.FromSeconds(60)
        );
        worker.Kill();
        var advancedAtKill = await db.ExecuteScalarAsync<long>("select count(*) from task_recurrences where version > 1");

        await worker.RestartAsync();
        var advanced = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<long>("select count(*) from task_recurrences where version > 1"),
            n => n == series,
            TimeSpan.FromSeconds(90)
        );
        await Task.Delay(2000); // any redelivered copy has run
        var counts = (
            await db.QueryAsync<long>("select count(*) from tasks where project_id = @projectId group by title", new { projectId })
        ).ToList();
        var versions = (await db.QueryAsync<int>("select version from task_recurrences")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(fired, Is.EqualTo(series));
            Assert.That(
                advancedAtKill,
                Is.InRange(1, series - 1),
                $"the worker must die mid-way ({atKill} tasks at the kill): {worker.Output}"
            );
            Assert.That(advanced, Is.EqualTo(series), worker.Output);
            Assert.That(counts, Has.Count.EqualTo(series).And.All.EqualTo(2), "every series exactly one next task");
            Assert.That(versions, Is.All.EqualTo(2));
        });
    }
}
