using System.Net.Http.Headers;
using System.Text;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Attachments;

public static class AttachmentRules
{
    public const int FileNameMax = 200;

    /// <summary>Longest file name accepted before sanitising (longer ones are 400, shorter are cut to <see cref="FileNameMax"/>).</summary>
    public const int FileNameInputMax = 1024;

    public const int ContentTypeMax = 200;

    /// <summary>The statuses the attachments table's check constraint allows (migration 0007).</summary>
    public static readonly string[] Statuses = ["pending", "ready"];

    private static readonly string Lock = Sql.Load(typeof(AttachmentRules), "LockAttachment.sql");

    public static string ObjectKey(Guid workspaceId, Guid attachmentId) => $"workspaces/{workspaceId}/attachments/{attachmentId}";

    /// <summary>The live attachment, locked until the transaction ends; null when it is gone or deleted.</summary>
    public static Task<AttachmentResponse?> LockAsync(OutboxTransaction tx, Guid attachmentId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<AttachmentResponse?>(Lock, new { attachmentId }, ct);

    /// <summary>
    /// The name to store and offer on download: only the last path segment (either slash), no control
    /// characters, trimmed, at most <see cref="FileNameMax"/> characters keeping the extension; "" when nothing is left.
    /// </summary>
    public static string SanitizeFileName(string name)
    {
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (
                !char.IsControl(c)
                && c is not ('\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e')
            )
            {
                clean.Append(c);
            }
        }

        var result = clean.ToString().Trim();
        if (result is "." or "..")
        {
            return "";
        }

        if (result.Length <= FileNameMax)
        {
            return result;
        }

        var dot = result.LastIndexOf('.');
        var extension = dot > 0 && result.Length - dot <= 20 ? result[dot..] : "";
        return Cut(result[..^extension.Length], FileNameMax - extension.Length) + extension;
    }

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>The media type without parameters, lower-cased ("Text/Plain; charset=utf-8" → "text/plain"); null if unparseable.</summary>
    public static string? MediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } media ? media.ToLowerInvariant() : null;
}
