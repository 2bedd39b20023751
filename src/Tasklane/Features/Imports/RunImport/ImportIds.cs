using System.Buffers.Binary;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Ids of what an import writes, made from the import's id and the row's place in the file, so a row run again gets the
/// same ids. They are UUIDv7 with the import's timestamp and, in the 74 bits UUIDv7 leaves to randomness, the row
/// (32 bits), the slot in the row (16: 0 the task, then its comments) and 26 bits of the import id: in uuid order they
/// follow the file's order, as ids made one after another would, so lists sorted by creation keep the file's order.
/// </summary>
public static class ImportIds
{
    public static Guid Task(Guid importId, long row) => Make(importId, row, 0);

    public static Guid Comment(Guid importId, long row, int index) => Make(importId, row, index + 1);

    private static Guid Make(Guid importId, long row, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)row, uint.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)slot, (uint)ushort.MaxValue);
        Span<byte> source = stackalloc byte[16];
        importId.TryWriteBytes(source, bigEndian: true, out _);
        var discriminator = BinaryPrimitives.ReadUInt32BigEndian(source[12..]) & 0x3FF_FFFF;
        var bits = ((UInt128)(ulong)row << 42) | ((UInt128)(uint)slot << 26) | discriminator;

        Span<byte> bytes = stackalloc byte[16];
        source[..6].CopyTo(bytes); // the import's unix milliseconds
        var randA = (ushort)(bits >> 62); // 12 bits
        var randB = (ulong)(bits & (((UInt128)1 << 62) - 1)); // 62 bits
        bytes[6] = (byte)(0x70 | (randA >> 8));
        bytes[7] = (byte)randA;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], randB | 0x8000_0000_0000_0000UL);
        return new Guid(bytes, bigEndian: true);
    }
}
