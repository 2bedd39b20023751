using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// A member's role in a workspace, in rising order of what it allows: viewer (reads), member (+ tasks and comments),
/// admin (+ projects, labels, members and webhooks), owner (everything).
/// </summary>
/// <remarks>
/// No value is 0, so a default or an unparsed role is never a role: <see cref="Membership"/> refuses it.
/// An enum, not an <see cref="ITextEnum{TSelf}"/>: roles are compared by rank and stored by number in the change log
/// (<c>min_role</c>), and the text columns take <see cref="WorkspaceRoles.Name"/>, since Dapper sends an enum as its number.
/// </remarks>
[JsonConverter(typeof(WorkspaceRoleJsonConverter))]
public enum WorkspaceRole
{
    Viewer = 1,
    Member = 2,
    Admin = 3,
    Owner = 4,
}

/// <summary>
/// A role in JSON (requests, responses, events, webhooks, the activity feed) as the API spells it: "member". A string that
/// is no role reads as 0, no role, for the endpoint's validation to answer with the list of roles
/// (<c>FieldErrors.OneOf</c>); any other token is a type error, as for any string field.
/// </summary>
public sealed class WorkspaceRoleJsonConverter : JsonConverter<WorkspaceRole>
{
    public override WorkspaceRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? WorkspaceRoles.TryParse(reader.GetString(), out var role)
                ? role
                : default
            : throw new JsonException(); // no message: the serializer names the type and the path, which the error answer points at

    public override void Write(Utf8JsonWriter writer, WorkspaceRole value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}

/// <summary>The roles as the API and the database spell them (lower case).</summary>
public static class WorkspaceRoles
{
    public static readonly string[] Names = ["owner", "admin", "member", "viewer"];

    public static string Name(this WorkspaceRole role) =>
        role switch
        {
            WorkspaceRole.Viewer => "viewer",
            WorkspaceRole.Member => "member",
            WorkspaceRole.Admin => "admin",
            WorkspaceRole.Owner => "owner",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a workspace role."),
        };

    /// <summary>The role named <paramref name="name"/> (exactly, in lower case), if any.</summary>
    public static bool TryParse(string? name, out WorkspaceRole role)
    {
        role = name switch
        {
            "viewer" => WorkspaceRole.Viewer,
            "member" => WorkspaceRole.Member,
            "admin" => WorkspaceRole.Admin,
            "owner" => WorkspaceRole.Owner,
            _ => default,
        };
        return role != default;
    }

    /// <summary>A stored role; anything else is a defect, never "some role".</summary>
    public static WorkspaceRole Parse(string name) =>
        TryParse(name, out var role) ? role : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a workspace role.");
}
