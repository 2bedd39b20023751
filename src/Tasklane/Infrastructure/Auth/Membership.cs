namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// The caller's membership of the workspace that owns a resource. <see cref="ProjectArchived"/> is true when the
/// resource is (in) an archived project, which is read-only: see <see cref="Access.DenyArchived"/>.
/// <see cref="TwoFactorMissing"/> is true when the workspace requires two-factor authentication and the member has not
/// enabled it: <see cref="Access.Deny"/> then refuses everything with 403.
/// </summary>
public sealed record Membership(
    Guid WorkspaceId,
    Guid? ProjectId,
    Guid UserId,
    WorkspaceRole Role,
    bool ProjectArchived = false,
    bool TwoFactorMissing = false
)
{
    /// <summary>A membership always has a real role: "not a member" is no membership (null), never an empty role.</summary>
    public WorkspaceRole Role { get; } =
        Enum.IsDefined(Role) ? Role : throw new ArgumentOutOfRangeException(nameof(Role), Role, "Not a workspace role.");

    /// <summary>viewer: read; member: + content; admin: + projects and members; owner: everything.</summary>
    public bool Can(Permission permission) =>
        Role
        >= permission switch
        {
            Permission.Read => WorkspaceRole.Viewer,
            Permission.WriteContent => WorkspaceRole.Member,
            Permission.ManageProjects or Permission.ManageMembers => WorkspaceRole.Admin,
            _ => WorkspaceRole.Owner,
        };
}
