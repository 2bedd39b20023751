using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using Wolverine;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.SendReminder;

/// <summary>
/// Reminders against the run's worker, whose lead time is 0 in tests (TasklaneHosts): a reminder fires at the
/// due date itself, so these tasks are due seconds from now.
/// </summary>
public class SendReminderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_reminder_fires_once_at_its_time_and_redeliveries_add_nothing()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var due = DateTime.UtcNow.AddSeconds(3);
        // Assigned to themselves by themselves: a reminder is not the actor's own action, so it still comes.
        var taskId = (
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Pay the invoice",
                    dueAt = due,
                    assigneeIds = new[] { owner.UserId },
                }
            )
        ).GetProperty("id").GetGuid();

        await Task.Delay(1000);
        var early = await OfKindAsync(owner, "reminder", taskId);
        var fired = await EventuallyOfKindAsync(owner, "reminder", 1, taskId, Patience);

        // A redelivery of the message that fired, and a second scheduled copy (as a redelivered TaskUpdated makes).
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var firedId = await db.ExecuteScalarAsync<Guid>("select id from task_reminders where task_id = @taskId", new { taskId });
        await using var scope = TestEnvironment.Hosts.Worker!.Services.CreateAsyncScope();
        var worker = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var original = new TaskReminderDue(firedId, workspaceId, projectId, taskId, owner.UserId, due, due);
        await worker.InvokeAsync(original);
        await worker.InvokeAsync(original with { EventId = Guid.CreateVersion7() });
        await Task.Delay(1000);
        var after = await OfKindAsync(owner, "reminder", taskId);

        Assert.Multiple(async () =>
        {
            Assert.That(early, Is.Empty, "not before its time");
            Assert.That(fired, Has.Length.EqualTo(1));
            Assert.That(fired[0].GetProperty("createdAt").GetDateTime(), Is.GreaterThanOrEqualTo(due.AddMilliseconds(-50)), "at its time");
            Assert.That(fired[0].GetProperty("title").GetString(), Does.StartWith("Due ").And.EndsWith(" UTC: Pay the invoice"));
            Assert.That(fired[0].GetProperty("actorId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(after, Has.Length.EqualTo(1), "fires once");
            Assert.That(
                await db.ExecuteScalarAsync<long>("select count(*) from task_reminders where task_id = @taskId", new { taskId }),
                Is.EqualTo(1)
            );
        });
    }

    [Test]
    public async Task Clearing_the_due_date_means_nothing_fires_and_a_done_task_is_not_reminded()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        // The two changes must land before the due date, or a reminder rightly fires first: under load they may take longer
        // than the lead, so a late round is tried again with twice the lead.
        for (var lead = TimeSpan.FromSeconds(2); ; lead *= 2)
        {
            var due = DateTime.UtcNow.Add(lead);
            var cleared = (await owner.CreateTaskAsync(projectId, new { title = "Cleared", dueAt = due })).GetProperty("id").GetGuid();
            var done = (await owner.CreateTaskAsync(projectId, new { title = "Done", dueAt = due })).GetProperty("id").GetGuid();
            var control = (await owner.CreateTaskAsync(projectId, new { title = "Control", dueAt = due.AddSeconds(1) }))
                .GetProperty("id")
                .GetGuid();

            await owner.PatchAsync($"tasks/{cleared}", new { dueAt = (DateTime?)null });
            await owner.PatchAsync($"tasks/{done}", new { status = "done" });
            if (DateTime.UtcNow > due.AddMilliseconds(-200) && lead < Patience)
            {
                continue;
            }

            // The control task, due a second later, proves the worker got past both due dates.
            var controlFired = await EventuallyOfKindAsync(owner, "reminder", 1, control, Patience);
            await Task.Delay(500);

            await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
            Assert.Multiple(async () =>
            {
                Assert.That(controlFired, Has.Length.EqualTo(1), "the creator is reminded when nobody is assigned");
                Assert.That(await OfKindAsync(owner, "reminder", cleared), Is.Empty);
                Assert.That(await OfKindAsync(owner, "reminder", done), Is.Empty);
                Assert.That(
                    await db.ExecuteScalarAsync<long>(
                        "select count(*) from task_reminders where task_id = any (@ids)",
                        new { ids = new[] { cleared, done } }
                    ),
                    Is.Zero
                );
            });
            return;
        }
    }

    [Test]
    public async Task Moving_the_due_date_fires_only_the_new_one_at_the_new_time()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var first = DateTime.UtcNow.AddSeconds(2);
        var moved = first.AddSeconds(3);
        var taskId = (
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Moved",
                    dueAt = first,
                    assigneeIds = new[] { member.UserId },
                }
            )
        ).GetProperty("id").GetGuid();

        await owner.PatchAsync($"tasks/{taskId}", new { dueAt = moved });
        var fired = await EventuallyOfKindAsync(member, "reminder", 1, taskId, Patience);
        await Task.Delay(1000);
        var after = await OfKindAsync(member, "reminder", taskId);

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var firedFor = (
            await db.QueryAsync<DateTime>("select due_at from task_reminders where task_id = @taskId", new { taskId })
        ).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Has.Length.EqualTo(1));
            Assert.That(
                fired[0].GetProperty("createdAt").GetDateTime(),
                Is.GreaterThanOrEqualTo(moved.AddMilliseconds(-50)),
                "at the new time, not the old"
            );
            Assert.That(after, Has.Length.EqualTo(1));
            Assert.That(firedFor, Has.Count.EqualTo(1));
            Assert.That(firedFor[0], Is.EqualTo(moved).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(await OfKindAsync(owner, "reminder", taskId), Is.Empty, "the assignee is reminded, not the creator");
        });
    }
}
