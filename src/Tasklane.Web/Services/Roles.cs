using Tasklane.Client.Models;

namespace Tasklane.Web.Services;

/// <summary>The roles of a workspace, least first, as a select offers them.</summary>
public static class Roles
{
    public static readonly IReadOnlyList<WorkspaceRole> All =
    [
        WorkspaceRole.Viewer,
        WorkspaceRole.Member,
        WorkspaceRole.Admin,
        WorkspaceRole.Owner,
    ];

    /// <summary>A select's value (the API's word, "admin") as the role.</summary>
    public static WorkspaceRole Parse(object? value) => All.First(r => Display.Wire(r) == value as string);
}
