using System.Text.RegularExpressions;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Comments;

/// <summary>
/// Mentions are written <c>@</c> followed by a member's email, e.g. <c>@ann@example.com</c>: unambiguous
/// (display names are not unique), needs no lookup while typing, and matches how people are invited.
/// Only addresses of the workspace's members are recorded; anything else stays plain text.
/// </summary>
public static partial class Mentions
{
    /// <summary>More than this many different addresses in one comment are ignored (spam guard).</summary>
    public const int Max = 50;

    private static readonly string Resolve = Sql.Load(typeof(Mentions), "ResolveMentions.sql");
    private static readonly string Save = Sql.Load(typeof(Mentions), "SaveMentions.sql");

    /// <summary>The mentioned addresses, normalised like <c>users.email_normalized</c>, distinct, in order of appearance.</summary>
    public static IReadOnlyList<string> Parse(string body) =>
        Mention().Matches(body).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Take(Max).ToList();

    /// <summary>The ids of the workspace's members among the parsed addresses, sorted.</summary>
    public static async Task<Guid[]> ResolveAsync(OutboxTransaction tx, Guid workspaceId, string body, CancellationToken ct)
    {
        var emails = Parse(body).ToArray();
        if (emails.Length == 0)
        {
            return [];
        }

        var ids = await tx.QueryAsync<Guid>(Resolve, new { workspaceId, emails }, ct);
        return [.. ids.Order()];
    }

    /// <summary>Replaces the comment's stored mentions with <paramref name="userIds"/>.</summary>
    public static Task SaveAsync(OutboxTransaction tx, Guid commentId, Guid[] userIds, CancellationToken ct) =>
        tx.ExecuteAsync(Save, new { commentId, userIds }, ct);

    // '@' not glued to a word or another address, then an email address (a common subset of RFC 5322).
    [GeneratedRegex(@"(?<![\w@.+-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
