using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Features.Exports;

/// <summary>The <c>Exports</c> configuration section; every value has a default.</summary>
public sealed class ExportSettings : ISingletonService
{
    public ExportSettings(IConfiguration config)
    {
        config.GetSection("Exports").Bind(this);
    }

    /// <summary>
    /// Bytes per multipart part, which is also the worker's memory per running export. AWS S3 and MinIO need at
    /// least 5 MiB (<see cref="MultipartUpload.MinimumPartSize"/>); tests use less to get many parts from small projects.
    /// </summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long a finished export's file is kept before the worker deletes it.</summary>
    public double RetentionHours { get; set; } = 7 * 24;

    public double DownloadUrlMinutes { get; set; } = 15;

    /// <summary>Runs of a job that end in an error (store or database down) before the export is marked failed.</summary>
    public int MaxAttempts { get; set; } = 4;
}
