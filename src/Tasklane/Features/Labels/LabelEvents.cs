using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Labels;

public sealed record LabelCreated(
    Guid EventId,
    Guid WorkspaceId,
    Guid LabelId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    string Color
) : IDomainEvent;

public sealed record LabelUpdated(
    Guid EventId,
    Guid WorkspaceId,
    Guid LabelId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    LabelChanges Changes
) : IDomainEvent;

/// <summary>What a <see cref="LabelUpdated"/> changed: a before/after pair per field that changed, null for the others.</summary>
public sealed record LabelChanges
{
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Name { get; init; }

    [JsonPropertyName("color"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Color { get; init; }

    [JsonIgnore]
    public bool Any => Name is not null || Color is not null;
}

/// <summary>The label is gone and so are its links to tasks (<see cref="TaskCount"/> of them).</summary>
public sealed record LabelDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid LabelId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    int TaskCount
) : IDomainEvent;
