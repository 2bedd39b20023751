using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Comments;

public static class CommentRules
{
    public const int BodyMax = 20_000;

    private static readonly string Lock = Sql.Load(typeof(CommentRules), "LockComment.sql");

    /// <summary>
    /// The comment, locked until the transaction ends, so concurrent edits serialise on its version; null when it was
    /// deleted after the request's access check.
    /// </summary>
    public static Task<CommentResponse?> LockAsync(OutboxTransaction tx, Guid commentId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<CommentResponse>(Lock, new { commentId }, ct);
}
