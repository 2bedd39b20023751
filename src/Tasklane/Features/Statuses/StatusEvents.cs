using System.Text.Json.Serialization;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Statuses;

public sealed record StatusCreated(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid StatusId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    string Color,
    StatusCategory Category,
    int? WipLimit
) : IDomainEvent;

public sealed record StatusUpdated(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid StatusId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    StatusChanges Changes
) : IDomainEvent;

/// <summary>What a <see cref="StatusUpdated"/> changed: a before/after pair per field that changed, null for the others.</summary>
public sealed record StatusChanges
{
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Name { get; init; }

    [JsonPropertyName("color"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Color { get; init; }

    [JsonPropertyName("category"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<StatusCategory>? Category { get; init; }

    [JsonPropertyName("wipLimit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<int?>? WipLimit { get; init; }

    [JsonPropertyName("position"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<double>? Position { get; init; }

    [JsonIgnore]
    public bool Any => Name is not null || Color is not null || Category is not null || WipLimit is not null || Position is not null;
}

/// <summary>The status is gone; its <see cref="TaskCount"/> tasks (trashed ones included) moved to <see cref="MovedTo"/>.</summary>
public sealed record StatusDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid StatusId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    Guid? MovedTo,
    int TaskCount
) : IDomainEvent;
