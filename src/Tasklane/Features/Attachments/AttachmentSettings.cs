using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Attachments;

/// <summary>The <c>Attachments</c> configuration section; every value has a default.</summary>
public sealed class AttachmentSettings : ISingletonService
{
    public static readonly string[] DefaultContentTypes =
    [
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/json",
        "application/zip",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    ];

    public AttachmentSettings(IConfiguration config)
    {
        config.GetSection("Attachments").Bind(this);
    }

    /// <summary>Largest file accepted (413 above it).</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Media types accepted (parameters such as charset are ignored); null means <see cref="DefaultContentTypes"/>.
    /// A nullable array so that configuring a list replaces the defaults instead of appending to them.
    /// </summary>
    public string[]? AllowedContentTypes { get; set; }

    /// <summary>Sum of the declared sizes of a workspace's pending and ready attachments.</summary>
    public long WorkspaceQuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    // Minutes may be fractional, so tests can use a timeout of seconds.
    public double UploadUrlMinutes { get; set; } = 15;
    public double DownloadUrlMinutes { get; set; } = 5;
    public double PendingTimeoutMinutes { get; set; } = 60;

    public IReadOnlyCollection<string> ContentTypes => AllowedContentTypes is { Length: > 0 } configured ? configured : DefaultContentTypes;
}
