namespace Tasklane.Infrastructure.Storage;

/// <summary>
/// S3-compatible object store settings. The defaults suit AWS S3; MinIO and the local s3rver need
/// <see cref="ForcePathStyle"/>, and s3rver needs <see cref="DisableChunkEncoding"/> or it stores the
/// aws-chunked framing inside objects.
/// </summary>
public sealed class StorageOptions
{
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The store's address as clients (browsers, the CLI) reach it, when that differs from <see cref="ServiceUrl"/>
    /// (compose: hosts use http://minio:9000, browsers http://localhost:9000). Presigned URLs are signed for it.
    /// </summary>
    public string? PublicServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Bucket { get; set; } = "tasklane";
    public bool ForcePathStyle { get; set; } = true;
    public bool DisableChunkEncoding { get; set; } = true;

    /// <summary>
    /// Origins allowed to PUT/GET presigned URLs from a browser (the web app's origin); written to the bucket's CORS
    /// configuration by <c>migrate</c>. "*" is acceptable because every URL is presigned and short-lived.
    /// </summary>
    public string[] CorsOrigins { get; set; } = ["*"];
}
