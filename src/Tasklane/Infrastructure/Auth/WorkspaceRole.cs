using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// A member's role in a workspace, in rising order of what it allows. No value is 0, so a default or an
/// unparsed role is never a role: <see cref="Membership"/> refuses it.
/// </summary>
[JsonConverter(typeof(WorkspaceRoleJsonConverter))]
public enum WorkspaceRole
{
    Viewer = 1,
    Member = 2,
    Admin = 3,
    Owner = 4,
}

/// <summary>
/// A role in JSON (events, webhooks, the activity feed) as the API spells it: "member". A number still reads, as in
/// role lookups cached before roles were spelled out.
/// </summary>
public sealed class WorkspaceRoleJsonConverter() : JsonStringEnumConverter<WorkspaceRole>(JsonNamingPolicy.CamelCase);

/// <summary>The roles as the API and the database spell them (lower case).</summary>
public static class WorkspaceRoles
{
    public static readonly string[] Names = ["owner", "admin", "member", "viewer"];

    public static string Name(this WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => "viewer",
        WorkspaceRole.Member => "member",
        WorkspaceRole.Admin => "admin",
        WorkspaceRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a workspace role."),
    };

    /// <summary>A stored role; anything else is a defect, never "some role".</summary>
    public static WorkspaceRole Parse(string name) => name switch
    {
        "viewer" => WorkspaceRole.Viewer,
        "member" => WorkspaceRole.Member,
        "admin" => WorkspaceRole.Admin,
        "owner" => WorkspaceRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a workspace role."),
    };
}
