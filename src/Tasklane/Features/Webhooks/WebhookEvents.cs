using Tasklane.Features.Attachments;
using Tasklane.Features.Comments;
using Tasklane.Features.CustomFields;
using Tasklane.Features.Labels;
using Tasklane.Features.Members;
using Tasklane.Features.Notifications;
using Tasklane.Features.Projects;
using Tasklane.Features.Recurrences;
using Tasklane.Features.Relations;
using Tasklane.Features.Statuses;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Webhooks;

/// <summary>One subscribable event: its public name and the <c>data</c> a receiver gets for it.</summary>
public sealed record WebhookEvent(Type EventType, string Name, Func<IDomainEvent, object> Data);

/// <summary>
/// The catalogue: which domain events webhooks can subscribe to, under which public name. Adding one is one
/// line here plus the one-line <c>Handle</c> overload in <c>EnqueueWebhookDeliveriesHandler</c> (a test
/// checks the two agree). The data is the event itself unless a projection hides internals.
/// </summary>
public static class WebhookEvents
{
    /// <summary>Subscribes to every event, including ones added later.</summary>
    public const string All = "*";

    /// <summary>Sent by <c>POST /webhooks/{id}/ping</c> only; not subscribable.</summary>
    public const string Ping = "ping";

    public static readonly IReadOnlyList<WebhookEvent> Catalogue =
    [
        Event<TaskCreated>("task.created"),
        // Changes travel as text, as they always have (TaskChanges.Text).
        Event<TaskUpdated>(
            "task.updated",
            e => new
            {
                e.EventId,
                e.WorkspaceId,
                e.ProjectId,
                e.TaskId,
                e.ActorId,
                e.OccurredAt,
                e.Version,
                Changes = e.Changes.Text(),
            }
        ),
        Event<TaskMoved>("task.moved"),
        Event<TaskDeleted>("task.deleted"),
        Event<TaskRestored>("task.restored"),
        Event<TaskRelationAdded>("task.relation_added"),
        Event<TaskRelationRemoved>("task.relation_removed"),
        Event<TaskRecurrenceSet>("task.recurrence_set"),
        Event<TaskRecurrenceRemoved>("task.recurrence_removed"),
        Event<TaskRecurred>("task.recurred"),
        Event<CommentAdded>("comment.added"),
        Event<CommentEdited>("comment.edited"),
        Event<CommentDeleted>("comment.deleted"),
        Event<CommentRestored>("comment.restored"),
        Event<ProjectCreated>("project.created"),
        Event<ProjectRenamed>("project.renamed"),
        Event<ProjectDescriptionChanged>("project.description_changed"),
        Event<ProjectArchived>("project.archived"),
        Event<ProjectUnarchived>("project.unarchived"),
        Event<ProjectDeleted>("project.deleted"),
        Event<ProjectRestored>("project.restored"),
        Event<StatusCreated>("status.created"),
        Event<StatusUpdated>("status.updated"),
        Event<StatusDeleted>("status.deleted"),
        Event<LabelCreated>("label.created"),
        Event<LabelUpdated>("label.updated"),
        Event<LabelDeleted>("label.deleted"),
        Event<CustomFieldCreated>("custom_field.created"),
        Event<CustomFieldUpdated>("custom_field.updated"),
        Event<CustomFieldDeleted>("custom_field.deleted"),
        Event<MemberInvited>("member.invited"),
        Event<InvitationRevoked>("member.invitation_revoked"),
        Event<MemberJoined>("member.joined"),
        Event<MemberRoleChanged>("member.role_changed"),
        Event<MemberRemoved>("member.removed"),
        Event<AttachmentAdded>("attachment.added"),
        Event<NotificationCreated>("notification.created"),
        // The object key is storage layout, not part of the public contract.
        Event<AttachmentDeleted>(
            "attachment.deleted",
            e => new
            {
                e.ProjectId,
                e.TaskId,
                e.AttachmentId,
                e.FileName,
                e.WasReady,
            }
        ),
    ];

    public static readonly IReadOnlyList<string> Names = Catalogue.Select(e => e.Name).ToList();

    /// <summary>What a webhook may subscribe to: an event name, or <see cref="All"/>.</summary>
    public static readonly string[] Subscribable = [All, .. Names];

    /// <summary>What a delivery carries: an event name, or <see cref="Ping"/>.</summary>
    public static readonly string[] Delivered = [Ping, .. Names];

    private static readonly Dictionary<Type, WebhookEvent> ByType = Catalogue.ToDictionary(e => e.EventType);

    public static WebhookEvent? For(IDomainEvent e) => ByType.GetValueOrDefault(e.GetType());

    /// <summary>Whether a webhook subscribed to <paramref name="subscribed"/> wants <paramref name="name"/>.</summary>
    public static bool Wants(IReadOnlyCollection<string> subscribed, string name) => subscribed.Contains(All) || subscribed.Contains(name);

    private static WebhookEvent Event<T>(string name, Func<T, object>? data = null)
        where T : IDomainEvent => new(typeof(T), name, data is null ? e => e : e => data((T)e));
}
