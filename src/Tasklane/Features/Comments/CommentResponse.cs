using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Tasklane.Features.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

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
    DateTime? EditedAt)
{
    public string ETag() => $"\"{Version}\"";
}

/// <summary>The body shared by adding and editing a comment.</summary>
public sealed record CommentRequest([property: MaxLength(CommentRules.BodyMax)] string? Body);

public static class CommentRules
{
    public const int BodyMax = 20_000;

    private static readonly string Lock = Sql.Load(typeof(CommentRules), "LockComment.sql");

    /// <summary>
    /// The comment, locked until the transaction ends, so concurrent edits serialise on its version; null when it was
    /// deleted after the request's access check.
    /// </summary>
    public static Task<CommentResponse?> LockAsync(OutboxTransaction tx, Guid commentId, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<CommentResponse>(new CommandDefinition(Lock, new { commentId }, tx.Transaction, cancellationToken: ct));
}
