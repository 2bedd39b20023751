namespace Tasklane.Infrastructure.Http;

/// <summary>Opaque keyset cursors: the last row's UUIDv7 id, base64url so clients do not build them.</summary>
public static class Cursor
{
    /// <summary>16 bytes in unpadded base64url.</summary>
    public const int Length = 22;

    public static string Encode(Guid lastId) =>
        Convert.ToBase64String(lastId.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out Guid? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length != Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        var base64 = cursor.Replace('-', '+').Replace('_', '/') + "==";
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != 16)
        {
            return false;
        }

        lastId = new Guid(bytes, bigEndian: true);
        return true;
    }
}
