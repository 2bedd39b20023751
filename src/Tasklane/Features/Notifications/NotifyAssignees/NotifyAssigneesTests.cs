using NUnit.Framework;
using Tasklane.Features.Tasks;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.NotifyAssignees;

public class NotifyAssigneesTests
{
    [Test]
    public async Task Assigning_on_creation_notifies_the_assignee_but_not_the_actor_who_assigned_themselves()
    {
        var (owner, member, _, projectId) = await TeamAsync();

        var taskId = (
            await owner.CreateTaskAsync(projectId, new { title = "Write the report", assigneeIds = new[] { member.UserId, owner.UserId } })
        )
            .GetProperty("id")
            .GetGuid();
        var received = await EventuallyOfKindAsync(member, "assignment", 1, taskId);
        await SettleAsync(member, owner, projectId);

        Assert.Multiple(async () =>
        {
            Assert.That(received, Has.Length.EqualTo(1));
            Assert.That(received[0].GetProperty("title").GetString(), Is.EqualTo("Assigned to you: Write the report"));
            Assert.That(received[0].GetProperty("actorId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(received[0].GetProperty("readAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(await OfKindAsync(owner, "assignment", taskId), Is.Empty, "no notification about one's own action");
        });
    }

    [Test]
    public async Task A_change_notifies_only_the_newly_added_assignees()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var third = await ApiClient.SignUpAsync();
        await owner.AddMemberAsync(workspaceId, third);
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "t", assigneeIds = new[] { member.UserId } }))
            .GetProperty("id")
            .GetGuid();
        await EventuallyOfKindAsync(member, "assignment", 1, taskId);

        await owner.PatchAsync($"tasks/{taskId}", new { assigneeIds = new[] { member.UserId, third.UserId } });
        await owner.PatchAsync($"tasks/{taskId}", new { title = "renamed" });
        var thirds = await EventuallyOfKindAsync(third, "assignment", 1, taskId);
        await SettleAsync(owner, member, projectId);

        Assert.Multiple(async () =>
        {
            Assert.That(thirds, Has.Length.EqualTo(1));
            Assert.That(await OfKindAsync(member, "assignment", taskId), Has.Length.EqualTo(1), "the existing assignee is not told again");
        });
    }

    [Test]
    public void Added_assignees_are_the_new_set_minus_the_old()
    {
        Guid a = Guid.CreateVersion7(),
            b = Guid.CreateVersion7(),
            c = Guid.CreateVersion7();
        TaskUpdated Change(Guid[] from, Guid[] to) =>
            new(
                Guid.CreateVersion7(),
                Guid.Empty,
                Guid.Empty,
                Guid.Empty,
                Guid.Empty,
                DateTime.UtcNow,
                2,
                new TaskChanges { AssigneeIds = new(from, to) }
            );

        Assert.Multiple(() =>
        {
            Assert.That(NotifyAssigneesHandler.AddedAssignees(Change([a, b], [b, c])), Is.EqualTo(new[] { c }));
            Assert.That(NotifyAssigneesHandler.AddedAssignees(Change([], [a])), Is.EqualTo(new[] { a }));
            Assert.That(NotifyAssigneesHandler.AddedAssignees(Change([a], [])), Is.Empty);
            Assert.That(
                NotifyAssigneesHandler.AddedAssignees(
                    new TaskUpdated(
                        Guid.CreateVersion7(),
                        Guid.Empty,
                        Guid.Empty,
                        Guid.Empty,
                        Guid.Empty,
                        DateTime.UtcNow,
                        2,
                        new TaskChanges { Title = new("x", "y") }
                    )
                ),
                Is.Empty
            );
        });
    }
}
