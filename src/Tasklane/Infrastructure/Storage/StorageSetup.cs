using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tasklane.Infrastructure.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddTasklaneStorage(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);
        services.AddSingleton<IAmazonS3>(_ => CreateClient(options));
        return services;
    }

    public static IAmazonS3 CreateClient(StorageOptions options)
    {
        var s3Config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
        };
        if (options.ServiceUrl is { Length: > 0 } url)
        {
            s3Config.ServiceURL = url;
            s3Config.AuthenticationRegion = options.Region;
        }
        else
        {
            s3Config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), s3Config)
            : new AmazonS3Client(s3Config);
    }

    /// <summary>
    /// A one-key listing: the cheapest call every S3-compatible server answers (s3rver lacks the ACL call the SDK helper uses).
    /// Under a prefix no object uses: s3rver walks the listed folders on disk and answers 500 when an object is
    /// deleted mid-walk (attachment deletes run concurrently), which made the health check flap.
    /// </summary>
    public static async Task<bool> BucketExistsAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request
                {
                    BucketName = bucket,
                    MaxKeys = 1,
                    Prefix = "health-probe/",
                },
                ct
            );
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Creates the bucket if it is missing; part of the migrate step.</summary>
    public static async Task EnsureBucketAsync(IAmazonS3 s3, StorageOptions options, CancellationToken ct)
    {
        if (!await BucketExistsAsync(s3, options.Bucket, ct))
        {
            await s3.PutBucketAsync(options.Bucket, ct);
        }

        // The web app uploads to and downloads from presigned URLs on another origin (s3rver, MinIO, S3): the bucket
        // must answer the browser's CORS preflight. Idempotent; s3rver 3.7, MinIO and S3 all accept PutBucketCors.
        if (options.CorsOrigins is { Length: > 0 } origins)
        {
            await s3.PutCORSConfigurationAsync(
                new PutCORSConfigurationRequest
                {
                    BucketName = options.Bucket,
                    Configuration = new CORSConfiguration
                    {
                        Rules =
                        [
                            new CORSRule
                            {
                                AllowedOrigins = [.. origins],
                                AllowedMethods = ["GET", "PUT", "HEAD"],
                                AllowedHeaders = ["*"],
                                ExposeHeaders = ["ETag"],
                                MaxAgeSeconds = 3000,
                            },
                        ],
                    },
                },
                ct
            );
        }
    }
}

public sealed class StorageHealthCheck(IAmazonS3 s3, StorageOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await StorageSetup.BucketExistsAsync(s3, options.Bucket, ct)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"Bucket '{options.Bucket}' does not exist.");
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or TaskCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The object store is unreachable.");
        }
    }
}
