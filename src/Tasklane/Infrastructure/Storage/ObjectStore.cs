using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Tasklane.Infrastructure.Storage;

/// <summary>
/// The few object-store calls slices need, with the settings every S3-compatible server accepts:
/// presigned URLs carry the ServiceUrl's own scheme (the SDK would otherwise answer https:// for an
/// http:// endpoint such as s3rver or a local MinIO).
/// </summary>
public sealed class ObjectStore(IAmazonS3 s3, StorageOptions options) : ISingletonService
{
    // Signing is local (no request), so a client configured with the public address only ever signs.
    private readonly IAmazonS3 _presigner = options.PublicServiceUrl is { Length: > 0 } publicUrl
        ? StorageSetup.CreateClient(new StorageOptions
        {
            ServiceUrl = publicUrl, Region = options.Region, AccessKey = options.AccessKey, SecretKey = options.SecretKey,
            Bucket = options.Bucket, ForcePathStyle = options.ForcePathStyle, DisableChunkEncoding = options.DisableChunkEncoding,
        })
        : s3;

    private Protocol UrlProtocol =>
        (options.PublicServiceUrl ?? options.ServiceUrl) is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;

    /// <summary>
    /// A URL the client PUTs the bytes to until <paramref name="expires"/>. The content type and the length are
    /// signed, so the client must send exactly that Content-Type and <paramref name="size"/> bytes: S3 and MinIO
    /// reject anything else, which keeps a body larger than the one the size cap and quota counted out of the store.
    /// </summary>
    public Task<string> PresignPutAsync(string key, string contentType, long size, DateTime expires)
    {
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
        return _presigner.GetPreSignedURLAsync(request);
    }

    /// <summary>A URL to download the object until <paramref name="expires"/>, saved as <paramref name="fileName"/>.</summary>
    public Task<string> PresignGetAsync(string key, string fileName, string contentType, DateTime expires)
    {
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
        return _presigner.GetPreSignedURLAsync(request);
    }

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
            new InitiateMultipartUploadRequest { BucketName = options.Bucket, Key = key, ContentType = contentType }, ct);
        return new MultipartUpload(s3, options, key, started.UploadId, partSize);
    }

    /// <summary>Aborts an upload left by a process that died, so the store frees its parts. Failures are ignored: best effort.</summary>
    public Task AbortUploadAsync(string key, string uploadId) => AbortUploadQuietlyAsync(s3, options.Bucket, key, uploadId);

    internal static async Task AbortUploadQuietlyAsync(IAmazonS3 s3, string bucket, string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId });
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
