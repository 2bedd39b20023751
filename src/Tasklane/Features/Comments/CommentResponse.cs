using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Auth;

namespace Tasklane.Features.Comments;

/// <summary>A comment as stored and as the API returns it. <see cref="Version"/> is the ETag.</summary>
public sealed record CommentResponse(
    Guid Id,
    Guid TaskId,
    Guid WorkspaceId,
    Guid AuthorId,
    [property: MaxLength(UserRules.DisplayNameMax)] string? AuthorDisplayName,
    [property: MaxLength(CommentRules.BodyMax)] string Body,
    [property: MaxLength(Mentions.Max)] Guid[] Mentions,
    int Version,
    DateTime CreatedAt,
    DateTime? EditedAt
)
{
    public string ETag() => $"\"{Version}\"";
}
