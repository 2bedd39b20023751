using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.CustomFields;

public sealed record CustomFieldCreated(
    Guid EventId,
    Guid WorkspaceId,
    Guid FieldId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    CustomFieldType Type,
    CustomFieldOption[] Options
) : IDomainEvent;

public sealed record CustomFieldUpdated(
    Guid EventId,
    Guid WorkspaceId,
    Guid FieldId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    CustomFieldChanges Changes
) : IDomainEvent;

/// <summary>What a <see cref="CustomFieldUpdated"/> changed: a before/after pair per field that changed, null for the others.</summary>
public sealed record CustomFieldChanges
{
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Name { get; init; }

    [JsonPropertyName("options"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<CustomFieldOption[]>? Options { get; init; }

    [JsonIgnore]
    public bool Any => Name is not null || Options is not null;
}

/// <summary>The field is gone, and so are its values on <see cref="TaskCount"/> tasks (trashed ones included).</summary>
public sealed record CustomFieldDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid FieldId,
    Guid ActorId,
    DateTime OccurredAt,
    string Name,
    int TaskCount
) : IDomainEvent;
