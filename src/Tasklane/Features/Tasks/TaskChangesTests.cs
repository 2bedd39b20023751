using System.Text.Json;
using NUnit.Framework;
using Tasklane.Features.Webhooks;
using Wolverine;

namespace Tasklane.Features.Tasks;

public class TaskChangesTests
{
    private static readonly Guid Id = new("019ad4a0-9c8d-7e6f-a051-62738495a6b7");
    private static readonly Guid Other = new("019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11");
    private static readonly DateTime At = new(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    private static readonly TaskChanges Every = new()
    {
        Title = new("Old", "New"),
        Description = new(null, "Text"),
        Status = new(StatusCategory.Todo, StatusCategory.InProgress),
        Priority = new(TaskPriority.Normal, TaskPriority.High),
        StartAt = new(null, At),
        DueAt = new(At, At.AddTicks(1234567)),
        Estimate = new(null, 30),
        ParentId = new(Id, null),
        AssigneeIds = new([Id], [Id, Other]),
        LabelIds = new([Other], []),
    };

    /// <summary>Webhook receivers, the change feed and the event stream get this text; it must not change.</summary>
    [Test]
    public void The_public_data_of_a_task_update_spells_every_change_as_text_as_it_always_has()
    {
        var e = new TaskUpdated(Id, Id, Id, Id, Other, At, 7, Every);

        var json = JsonSerializer.Serialize(WebhookEvents.For(e)!.Data(e), JsonSerializerOptions.Web);

        Assert.That(
            json,
            Is.EqualTo(
                """{"eventId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","workspaceId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","projectId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","taskId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","actorId":"019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11","occurredAt":"2030-05-06T07:08:09Z","version":7,"changes":{"title":{"from":"Old","to":"New"},"description":{"from":null,"to":"Text"},"status":{"from":"todo","to":"in_progress"},"priority":{"from":"normal","to":"high"},"startAt":{"from":null,"to":"2030-05-06T07:08:09.0000000Z"},"dueAt":{"from":"2030-05-06T07:08:09.0000000Z","to":"2030-05-06T07:08:09.1234567Z"},"estimate":{"from":null,"to":"30"},"parentId":{"from":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","to":null},"assigneeIds":{"from":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","to":"019ad4a0-9c8d-7e6f-a051-62738495a6b7,019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11"},"labelIds":{"from":"019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11","to":null}}}"""
            )
        );
    }

    [Test]
    public void A_queued_update_reads_back_with_every_change_typed()
    {
        var serializer = new WolverineOptions().DefaultSerializer;
        var e = new TaskUpdated(Id, Id, Id, Id, Other, At, 7, Every);

        var read = (TaskUpdated)serializer.ReadFromData(typeof(TaskUpdated), new Envelope { Data = serializer.WriteMessage(e) });

        AssertEvery(read.Changes);
    }

    /// <summary>Versions before typed changes queued every value as text; such a message must still be handled after an upgrade.</summary>
    [Test]
    public void An_update_queued_by_an_older_version_reads_with_every_change_typed()
    {
        var serializer = new WolverineOptions().DefaultSerializer;
        var text = Every.Text().ToDictionary(c => c.Key, c => new TextChange(c.Value.From, c.Value.To));
        var old = new TextTaskUpdated(Id, Id, Id, Id, Other, At, 7, text);

        var read = (TaskUpdated)serializer.ReadFromData(typeof(TaskUpdated), new Envelope { Data = serializer.WriteMessage(old) });

        AssertEvery(read.Changes);
    }

    private static void AssertEvery(TaskChanges changes) =>
        Assert.Multiple(() =>
        {
            Assert.That(
                changes with
                {
                    AssigneeIds = null,
                    LabelIds = null,
                },
                Is.EqualTo(Every with { AssigneeIds = null, LabelIds = null })
            );
            Assert.That(changes.DueAt!.To!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(changes.AssigneeIds!.From, Is.EqualTo(new[] { Id }));
            Assert.That(changes.AssigneeIds.To, Is.EqualTo(new[] { Id, Other }));
            Assert.That(changes.LabelIds!.From, Is.EqualTo(new[] { Other }));
            Assert.That(changes.LabelIds.To, Is.Empty);
        });

    /// <summary>The shape of TaskUpdated before its changes were typed.</summary>
    private sealed record TextTaskUpdated(
        Guid EventId,
        Guid WorkspaceId,
        Guid ProjectId,
        Guid TaskId,
        Guid ActorId,
        DateTime OccurredAt,
        int Version,
        IReadOnlyDictionary<string, TextChange> Changes
    );

    private sealed record TextChange(string? From, string? To);
}
