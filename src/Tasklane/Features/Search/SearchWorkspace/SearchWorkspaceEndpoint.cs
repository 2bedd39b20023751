using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Search.SearchWorkspace;

/// <summary>
/// A task (matched in its title or description) or a comment (matched in its body). <see cref="Title"/> is
/// the task's title either way; <see cref="Highlight"/> is HTML-escaped text with matches in <c>&lt;mark&gt;</c>.
/// </summary>
public sealed record SearchHit(
    [property: OneOf(typeof(SearchWorkspaceDecision), nameof(SearchWorkspaceDecision.Types))] string Type,
    Guid Id,
    Guid TaskId,
    Guid ProjectId,
    [property: MaxLength(TaskRules.TitleMax)] string Title,
    [property: MaxLength(SearchWorkspaceDecision.HighlightMax)] string Highlight,
    float Rank
);

public static class SearchWorkspaceEndpoint
{
    public const int QueryMax = 200;

    private static readonly string Query = Sql.Load(typeof(SearchWorkspaceEndpoint), "SearchWorkspace.sql");
    private static readonly string HiddenProjects = Sql.Load(typeof(SearchWorkspaceEndpoint), "HiddenProjects.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(string? q, int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace")
        ?? new FieldErrors()
            .Required("q", q, QueryMax)
            .Limit(limit)
            .Check("after", SearchWorkspaceDecision.TryDecodeCursor(after, out _), "Is not a cursor returned by this API.")
            .ToProblem();

    /// <summary>
    /// Full-text search (web-search syntax: words, "phrases", -excluded, or) over the workspace's tasks and
    /// comments, best match first among the 1,000 newest matches.
    /// </summary>
    [WolverineGet("/workspaces/{workspaceId}/search")]
    public static async Task<Page<SearchHit>> Get(
        [MaxLength(QueryMax)] string? q,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.MaxLength)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    )
    {
        var take = limit ?? Paging.DefaultLimit;
        SearchWorkspaceDecision.TryDecodeCursor(after, out var cursor);
        await using var connection = await reads.OpenAsync(caller, ct);
        var hidden = (
            await connection.QueryAsync<Guid>(new CommandDefinition(HiddenProjects, new { membership.WorkspaceId }, cancellationToken: ct))
        ).ToArray();
        var rows = (
            await connection.QueryAsync<SearchHit>(
                new CommandDefinition(
                    Query,
                    new
                    {
                        q,
                        membership.WorkspaceId,
                        hidden,
                        candidates = SearchWorkspaceDecision.Candidates,
                        afterRank = cursor?.Rank,
                        afterId = cursor?.Id,
                        take = take + 1,
                    },
                    cancellationToken: ct
                )
            )
        ).AsList();
        return SearchWorkspaceDecision.ToPage(rows, take);
    }
}

/// <summary>
/// A ranked list has no stable id order, so the cursor is the last hit's (rank, id): the next page holds
/// the hits ranked lower, or equal with a greater id (a <see cref="Cursor"/> keyed by the rank).
/// Pages are consistent while the data stands still; an edit between pages can move a hit across the cursor.
/// </summary>
public static class SearchWorkspaceDecision
{
    /// <summary>
    /// Hits are ranked among this many of the newest matches (tasks and comments together), and older matches are
    /// not returned: ranking every match of a term that every task contains read the whole workspace (1.3 s at 1M
    /// tasks). Below this many matches the ranking is over all of them. docs/api.md states the limit.
    /// </summary>
    public const int Candidates = 1000;

    /// <summary>What a hit is (SearchWorkspace.sql names them).</summary>
    internal static readonly string[] Types = ["task", "comment"];

    /// <summary>
    /// The longest highlight, in characters (UTF-16 units, never fewer than JSON's code points). ts_headline's excerpt is
    /// about 35 words, a few hundred characters of ordinary text, but a word has no length limit (a pasted URL, a
    /// run of code): <see cref="CutHighlight"/> cuts the rare longer excerpt to this.
    /// </summary>
    public const int HighlightMax = 1000;

    private const string MarkStart = "<mark>";
    private const string MarkEnd = "</mark>";
    private const string Ellipsis = "…";

    /// <summary>The longest entity the search writes (SearchWorkspace.sql escapes to &amp;amp; &amp;lt; &amp;gt; only).</summary>
    private const int EntityMax = 5;

    public static string EncodeCursor(float rank, Guid id)
    {
        Span<byte> key = stackalloc byte[4];
        BinaryPrimitives.WriteSingleBigEndian(key, rank);
        return Cursor.Encode(key, id);
    }

    /// <summary>True for no cursor (<paramref name="cursor"/> null) or a well-formed one.</summary>
    public static bool TryDecodeCursor(string? value, out (float Rank, Guid Id)? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        Span<byte> key = stackalloc byte[4];
        if (!Cursor.TryDecode(value, key, out var id))
        {
            return false;
        }

        var rank = BinaryPrimitives.ReadSingleBigEndian(key);
        if (!float.IsFinite(rank))
        {
            return false;
        }

        cursor = (rank, id);
        return true;
    }

    public static Page<SearchHit> ToPage(IReadOnlyList<SearchHit> rows, int limit) =>
        rows.Count > limit
            ? new Page<SearchHit>(rows.Take(limit).Select(Bounded).ToList(), EncodeCursor(rows[limit - 1].Rank, rows[limit - 1].Id))
            : new Page<SearchHit>(rows.Select(Bounded).ToList(), null);

    private static SearchHit Bounded(SearchHit hit) =>
        hit.Highlight.Length <= HighlightMax ? hit : hit with { Highlight = CutHighlight(hit.Highlight, HighlightMax) };

    /// <summary>
    /// <paramref name="highlight"/> in at most <paramref name="max"/> characters and still well-formed: cut between
    /// whole entities, tags and surrogate pairs, a <c>&lt;mark&gt;</c> left open closed, and "…" to say text is missing.
    /// </summary>
    public static string CutHighlight(string highlight, int max)
    {
        if (highlight.Length <= max)
        {
            return highlight;
        }

        // The cut goes before the last unit (a character, surrogate pair, entity or tag) whose start leaves room for
        // the closing tag, if a mark is open there, and the ellipsis.
        var (cut, open) = (0, false);
        var inMark = false;
        for (var i = 0; i < highlight.Length; )
        {
            if (i + (inMark ? MarkEnd.Length : 0) + Ellipsis.Length <= max)
            {
                (cut, open) = (i, inMark);
            }
            else
            {
                break;
            }

            var rest = highlight.AsSpan(i);
            if (rest.StartsWith(MarkStart, StringComparison.Ordinal))
            {
                (i, inMark) = (i + MarkStart.Length, true);
            }
            else if (rest.StartsWith(MarkEnd, StringComparison.Ordinal))
            {
                (i, inMark) = (i + MarkEnd.Length, false);
            }
            else if (rest[0] == '&' && rest[..Math.Min(rest.Length, EntityMax)].IndexOf(';') is > 0 and var end)
            {
                i += end + 1;
            }
            else
            {
                i += char.IsHighSurrogate(rest[0]) && rest.Length > 1 && char.IsLowSurrogate(rest[1]) ? 2 : 1;
            }
        }

        // A mark opened right at the cut would be empty: leave it out.
        if (open && highlight.AsSpan(0, cut).EndsWith(MarkStart, StringComparison.Ordinal))
        {
            (cut, open) = (cut - MarkStart.Length, false);
        }

        return string.Concat(highlight.AsSpan(0, cut), open ? MarkEnd : "", Ellipsis);
    }
}
