using System.Buffers;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.Util;

namespace Tasklane.Infrastructure.Storage;

/// <summary>
/// The few object-store calls slices need, with the settings every S3-compatible server accepts:
/// presigned URLs carry the ServiceUrl's own scheme (the SDK would otherwise answer https:// for an
/// http:// endpoint such as s3rver or a local MinIO).
/// </summary>
public sealed class ObjectStore(IAmazonS3 s3, StorageOptions options) : ISingletonService
{
    /// <summary>
    /// The longest presigned URL the store hands out, the maxLength the API documents for them: 8,000 characters, what
    /// RFC 9110 (section 4.1) recommends every HTTP sender and recipient support. The parts the server makes take at
    /// most about 5,500 of it: the longest is a download of a <see cref="FileNameMax"/>-character name of 3-byte
    /// characters, which Content-Disposition carries twice (once percent-encoded, which the query encodes again), with a
    /// type of <see cref="ContentTypeMax"/> such characters; an upload URL is about 420 in all. The configured address,
    /// bucket and access key get the rest, which the settings check holds them to at start (<see cref="LongestUrl"/>:
    /// 5,532 with the local services of scripts/services.sh, 5,666 for AWS S3 with a default-chain key). Each URL is
    /// checked again before it leaves: a session token (temporary AWS credentials) is signed into it too, and its length
    /// is only known then.
    /// </summary>
    public const int PresignedUrlMax = 8000;

    /// <summary>The longest object key (keys are made from ids: 97 characters at most today).</summary>
    public const int KeyMax = 128;

    /// <summary>The longest download name (attachments keep 200, exports 90).</summary>
    public const int FileNameMax = 200;

    /// <summary>The longest content type (an attachment's is at most 200).</summary>
    public const int ContentTypeMax = 200;

    /// <summary>The longest access key id AWS issues (IAM: 16 to 128 characters), assumed when the default chain supplies it.</summary>
    private const int AccessKeyIdMax = 128;

    /// <summary>
    /// A character that grows the most in a URL: 3 UTF-8 bytes, each %XX in the content type and %25XX in the name's
    /// percent-encoded form (filename*), and "_" in its ASCII one (filename).
    /// </summary>
    private const char WidestCharacter = '\u4e2d';

    // Signing is local (no request), so a client configured with the public address only ever signs.
    private readonly IAmazonS3 _presigner = options.PublicServiceUrl is { Length: > 0 } publicUrl
        ? StorageSetup.CreateClient(
            new StorageOptions
            {
                ServiceUrl = publicUrl,
                Region = options.Region,
                AccessKey = options.AccessKey,
                SecretKey = options.SecretKey,
                Bucket = options.Bucket,
                ForcePathStyle = options.ForcePathStyle,
                DisableChunkEncoding = options.DisableChunkEncoding,
            }
        )
        : s3;

    private Protocol UrlProtocol =>
        (options.PublicServiceUrl ?? options.ServiceUrl) is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? Protocol.HTTP
            : Protocol.HTTPS;

    /// <summary>
    /// A URL the client PUTs the bytes to until <paramref name="expires"/>. The content type and the length are
    /// signed, so the client must send exactly that Content-Type and <paramref name="size"/> bytes: S3 and MinIO
    /// reject anything else, which keeps a body larger than the one the size cap and quota counted out of the store.
    /// At most <see cref="PresignedUrlMax"/> characters.
    /// </summary>
    public async Task<string> PresignPutAsync(string key, string contentType, long size, DateTime expires) =>
        Bounded(await _presigner.GetPreSignedURLAsync(PutRequest(key, contentType, size, expires)));

    /// <summary>
    /// A URL to download the object until <paramref name="expires"/>, saved as <paramref name="fileName"/>.
    /// At most <see cref="PresignedUrlMax"/> characters.
    /// </summary>
    public async Task<string> PresignGetAsync(string key, string fileName, string contentType, DateTime expires) =>
        Bounded(await _presigner.GetPreSignedURLAsync(GetRequest(key, fileName, contentType, expires)));

    /// <summary>
    /// The longest URL a store with <paramref name="storage"/> can presign for inputs within the limits above (signing is
    /// local, nothing is sent): above <see cref="PresignedUrlMax"/>, the settings check refuses to start. Without a
    /// configured access key, one of the longest kind AWS issues stands in for the default chain's.
    /// </summary>
    public static int LongestUrl(StorageOptions storage)
    {
        var signing = new StorageOptions
        {
            ServiceUrl = storage.PublicServiceUrl is { Length: > 0 } publicUrl ? publicUrl : storage.ServiceUrl,
            Region = storage.Region,
            AccessKey = storage.AccessKey is { Length: > 0 } accessKey ? accessKey : new string('A', AccessKeyIdMax),
            SecretKey = "unused-for-measuring",
            Bucket = storage.Bucket,
            ForcePathStyle = storage.ForcePathStyle,
        };
        using var client = StorageSetup.CreateClient(signing);
        var store = new ObjectStore(client, signing);
        var key = new string('k', KeyMax);
        var contentType = new string(WidestCharacter, ContentTypeMax);
        var fileName = new string(WidestCharacter, FileNameMax);
        // Up to 7 days the SDK signs with SigV4 (the longer form: credential scope, 64-digit signature), beyond with SigV2.
        // X-Amz-Expires counts from the SDK's own clock, so the expiry does too (a 6-digit count, the most SigV4 has).
        DateTime[] expiries = [AWSSDKUtils.CorrectedUtcNow.AddDays(6), DateTime.MaxValue];
        return expiries.Max(expires =>
            Math.Max(
                client.GetPreSignedURL(store.PutRequest(key, contentType, long.MaxValue, expires)).Length,
                client.GetPreSignedURL(store.GetRequest(key, fileName, contentType, expires)).Length
            )
        );
    }

    private GetPreSignedUrlRequest PutRequest(string key, string contentType, long size, DateTime expires)
    {
        CheckInputs(key, contentType);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = expires,
            Protocol = UrlProtocol,
        };
        request.Headers.ContentLength = size;
        return request;
    }

    private GetPreSignedUrlRequest GetRequest(string key, string fileName, string contentType, DateTime expires)
    {
        CheckInputs(key, contentType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fileName.Length, FileNameMax, nameof(fileName));
        var request = new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires,
            Protocol = UrlProtocol,
        };
        request.ResponseHeaderOverrides.ContentType = contentType;
        request.ResponseHeaderOverrides.ContentDisposition = ContentDisposition(fileName);
        return request;
    }

    // The limits LongestUrl measures with: callers pass values the API bounds already, so these only catch a caller that changed.
    private static void CheckInputs(string key, string contentType)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, KeyMax, nameof(key));
        if (key.AsSpan().ContainsAnyExcept(KeyCharacters))
        {
            throw new ArgumentException(
                "An object key holds only ASCII letters, digits, '/', '-', '.' and '_', which URLs carry as they are.",
                nameof(key)
            );
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(contentType.Length, ContentTypeMax, nameof(contentType));
    }

    private static readonly SearchValues<char> KeyCharacters = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._"
    );

    private static string Bounded(string url) =>
        url.Length <= PresignedUrlMax
            ? url
            : throw new InvalidOperationException(
                $"A presigned URL came out {url.Length} characters long, more than the {PresignedUrlMax} the API documents. The inputs "
                    + "are bounded and the settings were checked at start, so the rest is the credentials' session token: use credentials "
                    + "with a shorter one (or none), or a shorter Storage:PublicServiceUrl / Storage:ServiceUrl or Storage:Bucket."
            );

    /// <summary>The stored object's size, or null when there is no such object.</summary>
    public async Task<long?> SizeAsync(string key, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = options.Bucket, Key = key }, ct);
            return head.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The object's bytes as a stream read off the network as the caller reads it (never buffered whole), or null when
    /// there is no such object. Dispose it to close the connection.
    /// </summary>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = options.Bucket, Key = key }, ct);
            return new OwnedStream(response.ResponseStream, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A response's stream that disposes the response with it.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Deletes the object; deleting a missing key succeeds, so this is safe to repeat.</summary>
    public Task DeleteAsync(string key, CancellationToken ct) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = key }, ct);

    /// <summary>
    /// Starts writing <paramref name="key"/> as a multipart upload of <paramref name="partSize"/>-byte parts; the object
    /// appears only when the upload is completed. <see cref="MultipartUpload.UploadId"/> lets a later process abort it.
    /// </summary>
    public async Task<MultipartUpload> StartUploadAsync(string key, string contentType, int partSize, CancellationToken ct)
    {
        var started = await s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest
            {
                BucketName = options.Bucket,
                Key = key,
                ContentType = contentType,
            },
            ct
        );
        return new MultipartUpload(s3, options, key, started.UploadId, partSize);
    }

    /// <summary>Aborts an upload left by a process that died, so the store frees its parts. Failures are ignored: best effort.</summary>
    public Task AbortUploadAsync(string key, string uploadId) => AbortUploadQuietlyAsync(s3, options.Bucket, key, uploadId);

    internal static async Task AbortUploadQuietlyAsync(IAmazonS3 s3, string bucket, string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                }
            );
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or TaskCanceledException)
        {
            // Unknown or already finished uploads, or the store is down: S3 lifecycle rules clean up stragglers.
        }
    }

    /// <summary>RFC 6266: an ASCII fallback name plus the exact UTF-8 name for clients that read filename*.</summary>
    public static string ContentDisposition(string fileName)
    {
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and <= '~' and not '"' and not '\\' and not '%' ? c : '_');
        }

        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
