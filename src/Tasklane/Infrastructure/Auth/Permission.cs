namespace Tasklane.Infrastructure.Auth;

/// <summary>What a workspace role allows. Every slice asks through <see cref="Membership.Can"/>; nothing else knows the roles.</summary>
public enum Permission
{
    /// <summary>See the workspace and everything in it.</summary>
    Read,

    /// <summary>Create and edit tasks and comments.</summary>
    WriteContent,

    /// <summary>Create, rename, archive and delete projects and labels.</summary>
    ManageProjects,

    /// <summary>Invite, remove and change the role of members (not owners), manage webhooks.</summary>
    ManageMembers,

    /// <summary>Everything else: owners, deleting the workspace.</summary>
    Own,
}
