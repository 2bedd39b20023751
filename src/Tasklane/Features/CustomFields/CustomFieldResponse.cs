using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.CustomFields;

/// <summary>
/// A field the workspace's tasks may carry a value of. <see cref="Options"/> are the choices of a select field (empty for
/// the other types). <see cref="Version"/> is the ETag.
/// </summary>
public sealed record CustomFieldResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: MaxLength(CustomFieldRules.NameMax)] string Name,
    CustomFieldType Type,
    [property: MaxLength(CustomFieldRules.OptionsMax)] CustomFieldOption[] Options,
    double Position,
    int Version,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public string ETag() => $"\"{Version}\"";
}

/// <summary>One choice of a select field; a task's value names it by <see cref="Id"/>, so renaming it keeps the values.</summary>
[JsonColumn]
public sealed record CustomFieldOption(Guid Id, [property: MaxLength(CustomFieldRules.NameMax)] string Name);

/// <summary>A workspace's custom fields in order; a workspace has at most <see cref="CustomFieldRules.MaxPerWorkspace"/>, so one page.</summary>
public sealed record CustomFieldList([property: MaxLength(CustomFieldRules.MaxPerWorkspace)] IReadOnlyList<CustomFieldResponse> Items);
