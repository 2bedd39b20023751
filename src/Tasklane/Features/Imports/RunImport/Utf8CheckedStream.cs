using System.Buffers;
using System.Text.Unicode;

namespace Tasklane.Features.Imports.RunImport;

/// <summary>
/// Passes a stream's bytes through after checking they are UTF-8 (a sequence split across reads is carried over), and
/// drops a leading byte-order mark: a file that is not UTF-8 fails at the first bad byte with its offset, whatever reads it.
/// </summary>
public sealed class Utf8CheckedStream(Stream inner) : Stream
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _offset;
    private bool _started;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => _offset;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        var data = buffer[..read];
        if (!_started && read > 0)
        {
            _started = true;
            if (data.Span.StartsWith("\uFEFF"u8))
            {
                data[3..].CopyTo(buffer);
                read -= 3;
                _offset += 3;
                data = buffer[..read];
            }
        }

        Check(data.Span, final: read == 0);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Check(ReadOnlySpan<byte> data, bool final)
    {
        var chars = ArrayPool<char>.Shared.Rent(data.Length + 8);
        try
        {
            // The bytes of a sequence the last read split, completed by this one's first bytes.
            var start = 0;
            while (_carried > 0 && start < data.Length)
            {
                _carry[_carried++] = data[start++];
                var status = Utf8.ToUtf16(
                    _carry.AsSpan(0, _carried),
                    chars,
                    out _,
                    out _,
                    replaceInvalidSequences: false,
                    isFinalBlock: false
                );
                if (status == OperationStatus.Done)
                {
                    _offset += _carried;
                    _carried = 0;
                }
                else if (status == OperationStatus.InvalidData || _carried == 4)
                {
                    throw Invalid(_offset);
                }
            }

            var rest = data[start..];
            var result = Utf8.ToUtf16(rest, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (result == OperationStatus.InvalidData)
            {
                throw Invalid(_offset + consumed);
            }

            if (result == OperationStatus.NeedMoreData)
            {
                rest[consumed..].CopyTo(_carry);
                _carried = rest.Length - consumed;
            }

            _offset += consumed;
            if (final && _carried > 0)
            {
                throw Invalid(_offset);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static ImportFileException Invalid(long offset) =>
        new($"The file is not valid UTF-8: the bytes at offset {offset} are no UTF-8 character. Save it as UTF-8 and upload it again.");

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
