using System.Text.Json;

namespace Tasklane.Features.Imports;

/// <summary>An imports row as queried, with its JSON columns as text.</summary>
public sealed record ImportJobRow(
    Guid Id,
    Guid WorkspaceId,
    string Source,
    string Status,
    bool DryRun,
    Guid? ProjectId,
    long Processed,
    long? Total,
    long Created,
    string Errors,
    string? Error,
    string? Preview,
    Guid RequestedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt
)
{
    public ImportResponse ToResponse() =>
        new(
            Id,
            WorkspaceId,
            Source,
            Status,
            DryRun,
            ProjectId,
            Processed,
            Total,
            Created,
            JsonSerializer.Deserialize<ImportRowError[]>(Errors, JsonSerializerOptions.Web) ?? [],
            Error,
            Preview is null ? null : JsonSerializer.Deserialize<ImportPreview>(Preview, JsonSerializerOptions.Web),
            RequestedBy,
            CreatedAt,
            StartedAt,
            FinishedAt
        );
}
