using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Http;

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
    string Status,
    double Progress,
    string FileName,
    long? Size,
    long? TaskCount,
    string? Error,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? ExpiresAt)
{
    public string? DownloadUrl { get; init; }

    [JsonIgnore]
    public string ObjectKey => ExportRules.ObjectKey(WorkspaceId, Id, Format);
}

public static class ExportRules
{
    public static readonly string[] Formats = ["json", "csv"];

    public static string ObjectKey(Guid workspaceId, Guid exportId, string format) => $"workspaces/{workspaceId}/exports/{exportId}.{format}";

    public static string ContentType(string format) => format == "csv" ? "text/csv; charset=utf-8" : "application/json";

    /// <summary>"tasklane-website-relaunch-20261124.json": ASCII only, so every store and browser handles the name.</summary>
    public static string FileName(string projectName, DateTime createdAt, string format)
    {
        var slug = new System.Text.StringBuilder();
        foreach (var c in projectName.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 60)
            {
                break;
            }
        }

        var name = slug.ToString().Trim('-');
        return $"tasklane-{(name.Length > 0 ? name : "project")}-{createdAt:yyyyMMdd-HHmmss}.{format}";
    }
}
