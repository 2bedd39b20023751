using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Features.Exports;

/// <summary>
/// An export job. <see cref="Status"/>: queued, running, succeeded, failed or expired (the file was deleted after
/// the retention time). <see cref="DownloadUrl"/> is a short-lived presigned URL, present only once it succeeded.
/// </summary>
public sealed record ExportResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    [property: OneOf(typeof(ExportRules), nameof(ExportRules.Formats))] string Format,
    [property: OneOf(typeof(ExportRules), nameof(ExportRules.Statuses))] string Status,
    double Progress,
    [property: MaxLength(ExportRules.FileNameMax)] string FileName,
    long? Size,
    long? TaskCount,
    [property: OneOf(typeof(ExportRules), nameof(ExportRules.Errors))] string? Error,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? ExpiresAt
)
{
    [MaxLength(ObjectStore.PresignedUrlMax)]
    public string? DownloadUrl { get; init; }

    [JsonIgnore]
    public string ObjectKey => ExportRules.ObjectKey(WorkspaceId, Id, Format);
}
