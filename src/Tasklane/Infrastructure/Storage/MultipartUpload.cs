using Amazon.S3;
using Amazon.S3.Model;

namespace Tasklane.Infrastructure.Storage;

/// <summary>
/// A write-only stream into one object, sent as an S3 multipart upload: bytes collect in one reused buffer and
/// each full buffer goes out as a part, so memory stays at one part however large the object grows. Nothing is
/// visible in the store until <see cref="CompleteAsync"/>; disposing an upload that was not completed aborts it.
/// Parts are sent from the async writes only; synchronous writes just fill the buffer.
/// </summary>
public sealed class MultipartUpload : Stream
{
    /// <summary>S3's smallest part (except the last). s3rver takes smaller ones, which tests use to get many parts.</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly StorageOptions _options;
    private readonly int _partSize;
    private readonly MemoryStream _buffer;
    private readonly List<PartETag> _parts = [];
    private long _length;
    private bool _finished;

    internal MultipartUpload(IAmazonS3 s3, StorageOptions options, string key, string uploadId, int partSize)
    {
        _s3 = s3;
        _options = options;
        _partSize = partSize;
        _buffer = new MemoryStream(partSize + 64 * 1024);
        Key = key;
        UploadId = uploadId;
    }

    public string Key { get; }
    public string UploadId { get; }

    /// <summary>Parts sent so far.</summary>
    public int PartCount => _parts.Count;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => _length;
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _buffer.Write(buffer);
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Write(buffer.Span);
        if (_buffer.Length >= _partSize)
        {
            await SendPartAsync(ct);
        }
    }

    // A writer's flush must not cut a small part: parts go out when the buffer is full or at completion.
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Sends what is left as the last part and makes the object visible, with all its bytes, at once.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_buffer.Length > 0 || _parts.Count == 0)
        {
            await SendPartAsync(ct);
        }

        var request = new CompleteMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = Key,
            UploadId = UploadId,
        };
        request.AddPartETags(_parts);
        await _s3.CompleteMultipartUploadAsync(request, ct);
        _finished = true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await ObjectStore.AbortUploadQuietlyAsync(_s3, _options.Bucket, Key, UploadId);
        }

        await _buffer.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            _finished = true;
            ObjectStore.AbortUploadQuietlyAsync(_s3, _options.Bucket, Key, UploadId).GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task SendPartAsync(CancellationToken ct)
    {
        // A read-only view of the buffer: the SDK may dispose the stream it is given, the buffer is reused.
        using var part = new MemoryStream(_buffer.GetBuffer(), 0, (int)_buffer.Length, writable: false);
        var response = await _s3.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _options.Bucket,
                Key = Key,
                UploadId = UploadId,
                PartNumber = _parts.Count + 1,
                InputStream = part,
                PartSize = part.Length,
                UseChunkEncoding = !_options.DisableChunkEncoding,
            },
            ct
        );
        _parts.Add(new PartETag(_parts.Count + 1, response.ETag));
        _buffer.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
