using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Members.RecordMemberActivity;

/// <summary>Worker: the activity-feed entries for membership and invitation events.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordMemberActivityHandler
{
    // Every member reads the feed, but only admins and owners may read who was invited (GET invitations):
    // the entries name the invitation, never the invitee's email.
    public static Task Handle(MemberInvited e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "member.invited",
            new
            {
                e.InvitationId,
                e.Role,
                e.ExpiresAt,
            },
            ct
        );

    public static Task Handle(InvitationRevoked e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, null, null, "member.invitation_revoked", new { e.InvitationId, e.Role }, ct);

    public static Task Handle(MemberJoined e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "member.joined",
            new
            {
                e.UserId,
                e.Role,
                e.InvitationId,
            },
            ct
        );

    // Same before/after shape as task.updated, so clients render every change the same way.
    public static Task Handle(MemberRoleChanged e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, null, null, "member.role_changed", new { e.UserId, Changes = new { Role = new { e.From, e.To } } }, ct);

    public static Task Handle(MemberRemoved e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "member.removed",
            new
            {
                e.UserId,
                e.Role,
                e.Left,
            },
            ct
        );
}
