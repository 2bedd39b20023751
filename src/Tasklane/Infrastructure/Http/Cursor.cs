using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// The keyset cursor of every paged list: where the previous page ended, base64url so clients do not build them.
/// A list in id order (and the change log, whose positions are ids) needs only the last row's UUIDv7 id: its 16 bytes.
/// A list in another order puts the last row's sort key (fixed length per list) before the id, and a 4-byte check
/// after it, so that an edited or truncated cursor is a 400 instead of a silently different page. The check is not
/// a secret: a forged cursor only moves the caller within a list they may read anyway.
/// </summary>
public static class Cursor
{
    /// <summary>An id cursor: 16 bytes in unpadded base64url.</summary>
    public const int Length = 22;

    /// <summary>The longest sort key a list may put in its cursor.</summary>
    public const int MaxKeyLength = 16;

    /// <summary>The longest cursor: <see cref="MaxKeyLength"/> + id + check bytes, in unpadded base64url.</summary>
    public const int MaxLength = 48;

    private const int IdLength = 16;
    private const int CheckLength = 4;

    public static string Encode(Guid lastId)
    {
        Span<byte> bytes = stackalloc byte[IdLength];
        lastId.TryWriteBytes(bytes, bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>True for no cursor (<paramref name="lastId"/> null) or one <see cref="Encode(Guid)"/> made.</summary>
    public static bool TryDecode(string? cursor, out Guid? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[IdLength];
        if (!TryDecodeExactly(cursor, bytes))
        {
            return false;
        }

        lastId = new Guid(bytes, bigEndian: true);
        return true;
    }

    public static string Encode(ReadOnlySpan<byte> key, Guid lastId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength);
        Span<byte> bytes = stackalloc byte[key.Length + IdLength + CheckLength];
        key.CopyTo(bytes);
        lastId.TryWriteBytes(bytes[key.Length..], bigEndian: true, out _);
        Check(bytes[..^CheckLength], bytes[^CheckLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// False unless <paramref name="cursor"/> is one <see cref="Encode(ReadOnlySpan{byte},Guid)"/> made with a key of
    /// <paramref name="key"/>'s length, which it fills. The caller still validates the key's content.
    /// </summary>
    public static bool TryDecode(string cursor, Span<byte> key, out Guid lastId)
    {
        lastId = Guid.Empty;
        Span<byte> bytes = stackalloc byte[key.Length + IdLength + CheckLength];
        Span<byte> check = stackalloc byte[CheckLength];
        if (!TryDecodeExactly(cursor, bytes))
        {
            return false;
        }

        Check(bytes[..^CheckLength], check);
        if (!check.SequenceEqual(bytes[^CheckLength..]))
        {
            return false;
        }

        bytes[..key.Length].CopyTo(key);
        lastId = new Guid(bytes[key.Length..^CheckLength], bigEndian: true);
        return true;
    }

    // Exactly the length Encode makes: the decoder would also take padding and whitespace. (This overload reports bad
    // characters instead of throwing.)
    private static bool TryDecodeExactly(string cursor, Span<byte> bytes) =>
        cursor.Length == Base64Url.GetEncodedLength(bytes.Length)
        && Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) == OperationStatus.Done
        && written == bytes.Length;

    private static void Check(ReadOnlySpan<byte> payload, Span<byte> check)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, hash);
        hash[..check.Length].CopyTo(check);
    }
}
