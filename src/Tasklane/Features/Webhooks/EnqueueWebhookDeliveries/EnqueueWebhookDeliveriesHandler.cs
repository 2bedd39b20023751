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
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Webhooks.EnqueueWebhookDeliveries;

/// <summary>
/// Worker: every event of the catalogue (<see cref="WebhookEvents"/>) fans out to the workspace's webhooks.
/// Wolverine needs one method per message type; each is one line, and a test keeps this list equal to the catalogue.
/// Idempotent: a delivery is unique per (webhook, event id).
/// </summary>
[StickyHandler(Queues.WebhookEvents)]
public static class EnqueueWebhookDeliveriesHandler
{
    private static readonly string Subscribed = Sql.Load(typeof(EnqueueWebhookDeliveriesHandler), "AnyWebhookSubscribed.sql");

    /// <summary>
    /// Queued only when a webhook of the workspace is subscribed to the event, checked as the event is written: most
    /// workspaces have none, and the fan-out would find nothing (a webhook enabled by a transaction that commits while
    /// the event's runs gets the events after it). The fan-out still reads the webhooks itself.
    /// </summary>
    public static QueueCondition WrittenWhen(IDomainEvent e) =>
        new(Subscribed, new Dictionary<string, object> { ["workspaceId"] = e.WorkspaceId, ["event"] = WebhookEvents.For(e)?.Name ?? "" });

    public static Task Handle(TaskCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskUpdated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskMoved e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRestored e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRelationAdded e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRelationRemoved e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRecurrenceSet e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRecurrenceRemoved e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(TaskRecurred e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CommentAdded e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CommentEdited e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CommentDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CommentRestored e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectRenamed e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectDescriptionChanged e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectArchived e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectUnarchived e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(ProjectRestored e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(StatusCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(StatusUpdated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(StatusDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CustomFieldCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CustomFieldUpdated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(CustomFieldDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(LabelCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(LabelUpdated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(LabelDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(MemberInvited e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(InvitationRevoked e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(MemberJoined e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(MemberRoleChanged e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(MemberRemoved e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(AttachmentAdded e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(NotificationCreated e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);

    public static Task Handle(AttachmentDeleted e, WebhookFanOut fanOut, CancellationToken ct) => fanOut.EnqueueAsync(e, ct);
}
