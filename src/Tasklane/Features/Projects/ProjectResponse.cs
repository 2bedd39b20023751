using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Tasklane.Features.Projects;

/// <summary>A project as the API returns it. <see cref="Version"/> is the ETag.</summary>
public sealed record ProjectResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: MaxLength(ProjectRules.NameMax)] string Name,
    [property: MaxLength(ProjectRules.DescriptionMax)] string? Description,
    bool Archived,
    DateTime? ArchivedAt,
    int Version,
    DateTime CreatedAt,
    TaskCounts TaskCounts
)
{
    public string ETag() => $"\"{Version}\"";
}

/// <summary>Tasks per status; the keys are the status values so a board can index by status.</summary>
public sealed record TaskCounts(
    [property: JsonPropertyName("todo")] int Todo,
    [property: JsonPropertyName("in_progress")] int InProgress,
    [property: JsonPropertyName("done")] int Done
)
{
    public static readonly TaskCounts None = new(0, 0, 0);
}

/// <summary>A row of <c>projects</c>, as locked and written by the slices that change a project.</summary>
public sealed record ProjectRow(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string? Description,
    int Version,
    DateTime? ArchivedAt,
    DateTime? DeletedAt,
    DateTime CreatedAt
)
{
    public ProjectResponse ToResponse(TaskCounts counts) =>
        new(Id, WorkspaceId, Name, Description, ArchivedAt is not null, ArchivedAt, Version, CreatedAt, counts);
}

/// <summary>A project row with its task counts, as the read queries return it.</summary>
public sealed record ProjectWithCounts(
    Guid Id,
    Guid WorkspaceId,
    string Name,
    string? Description,
    int Version,
    DateTime? ArchivedAt,
    DateTime CreatedAt,
    int Todo,
    int InProgress,
    int Done
)
{
    public ProjectResponse ToResponse() =>
        new(
            Id,
            WorkspaceId,
            Name,
            Description,
            ArchivedAt is not null,
            ArchivedAt,
            Version,
            CreatedAt,
            new TaskCounts(Todo, InProgress, Done)
        );
}
