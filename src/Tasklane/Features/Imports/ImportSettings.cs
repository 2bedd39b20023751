using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Imports;

/// <summary>The <c>Imports</c> configuration section; every value has a default.</summary>
public sealed class ImportSettings : ISingletonService
{
    public ImportSettings(IConfiguration config)
    {
        config.GetSection("Imports").Bind(this);
    }

    /// <summary>Largest file accepted: the upload URL is signed for at most this, and a larger stored object is refused (413).</summary>
    public long MaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Most rows (tasks) one file may hold; a file with more fails before anything is written.</summary>
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>Rows written per transaction, with the checkpoint that says how far the import got.</summary>
    public int BatchRows { get; set; } = 500;

    /// <summary>Largest single task of a JSON file (with its comments), which is also the reader's largest buffer.</summary>
    public int MaxItemBytes { get; set; } = 4 * 1024 * 1024;

    public double UploadUrlMinutes { get; set; } = 15;

    /// <summary>Runs of a job that end in an error (store or database down) before the import is marked failed.</summary>
    public int MaxAttempts { get; set; } = 4;
}
