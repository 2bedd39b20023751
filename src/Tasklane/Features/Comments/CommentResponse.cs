using Microsoft.AspNetCore.Http;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Comments;

/// <summary>A comment as stored and as the API returns it. <see cref="Version"/> is the ETag.</summary>
public sealed record CommentResponse(
    Guid Id,
    Guid TaskId,
    Guid WorkspaceId,
    Guid AuthorId,
    string? AuthorDisplayName,
    string Body,
    Guid[] Mentions,
    int Version,
    DateTime CreatedAt,
    DateTime? EditedAt)
{
    public string ETag() => $"\"{Version}\"";
}
