using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Projects.RecordProjectActivity;

/// <summary>Worker: the activity-feed entries for project events.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordProjectActivityHandler
{
    public static Task Handle(ProjectCreated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, null, "project.created", new { e.Name }, ct);

    public static Task Handle(ProjectRenamed e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "project.renamed",
            new
            {
                e.Version,
                e.From,
                e.To,
            },
            ct
        );

    public static Task Handle(ProjectDescriptionChanged e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "project.description_changed",
            new
            {
                e.Version,
                e.From,
                e.To,
            },
            ct
        );

    public static Task Handle(ProjectArchived e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "project.archived",
            new
            {
                e.Version,
                From = "active",
                To = "archived",
            },
            ct
        );

    public static Task Handle(ProjectUnarchived e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "project.unarchived",
            new
            {
                e.Version,
                From = "archived",
                To = "active",
            },
            ct
        );

    public static Task Handle(ProjectDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, null, "project.deleted", new { e.Version }, ct);

    public static Task Handle(ProjectRestored e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, null, "project.restored", new { e.Version }, ct);
}
