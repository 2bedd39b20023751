using System.Text.Json;
using NUnit.Framework;
using Tasklane.Features.Webhooks;
using Wolverine;

namespace Tasklane.Features.Tasks;

public class TaskEventsTests
{
    private static readonly Guid Id = new("019ad4a0-9c8d-7e6f-a051-62738495a6b7");
    private static readonly DateTime At = new(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    /// <summary>Webhook receivers, the change feed and the activity feed get statuses and priorities as the API spells them.</summary>
    [Test]
    public void Statuses_and_priorities_in_public_event_data_are_spelled_as_the_api_spells_them()
    {
        var created = new TaskCreated(Id, Id, Id, Id, Id, At, "Ship it", StatusCategory.InProgress, TaskPriority.Urgent);
        var moved = new TaskMoved(Id, Id, Id, Id, Id, At, 2, StatusCategory.Todo, 1024, StatusCategory.Done, 2048);

        Assert.Multiple(() =>
        {
            Assert.That(Data(created), Does.Contain(""","title":"Ship it","status":"in_progress","priority":"urgent","""));
            Assert.That(Data(moved), Does.Contain(""","fromStatus":"todo","fromPosition":1024,"toStatus":"done","toPosition":2048"""));
        });
    }

    /// <summary>Versions before typed statuses queued them as text, in the same JSON; such messages are still handled.</summary>
    [Test]
    public void Events_queued_with_statuses_as_text_read_back()
    {
        var serializer = new WolverineOptions().DefaultSerializer;

        var created = (TaskCreated)
            serializer.ReadFromData(
                typeof(TaskCreated),
                new Envelope { Data = serializer.WriteMessage(new TextTaskCreated(Id, Id, Id, Id, Id, At, "Old", "in_progress", "high")) }
            );
        var moved = (TaskMoved)
            serializer.ReadFromData(
                typeof(TaskMoved),
                new Envelope { Data = serializer.WriteMessage(new TextTaskMoved(Id, Id, Id, Id, Id, At, 3, "todo", 1, "done", 2)) }
            );

        Assert.Multiple(() =>
        {
            Assert.That((created.Status, created.Priority), Is.EqualTo((StatusCategory.InProgress, TaskPriority.High)));
            Assert.That((moved.FromStatus, moved.ToStatus), Is.EqualTo((StatusCategory.Todo, StatusCategory.Done)));
        });
    }

    private static string Data<T>(T e)
        where T : Infrastructure.Messaging.IDomainEvent =>
        JsonSerializer.Serialize(WebhookEvents.For(e)!.Data(e), JsonSerializerOptions.Web);

    private sealed record TextTaskCreated(
        Guid EventId,
        Guid WorkspaceId,
        Guid ProjectId,
        Guid TaskId,
        Guid ActorId,
        DateTime OccurredAt,
        string Title,
        string Status,
        string Priority
    );

    private sealed record TextTaskMoved(
        Guid EventId,
        Guid WorkspaceId,
        Guid ProjectId,
        Guid TaskId,
        Guid ActorId,
        DateTime OccurredAt,
        int Version,
        string FromStatus,
        double FromPosition,
        string ToStatus,
        double ToPosition
    );
}
