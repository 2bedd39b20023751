using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Labels;

/// <summary>A workspace's label. <see cref="Version"/> is the ETag.</summary>
public sealed record LabelResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: MaxLength(LabelRules.NameMax)] string Name,
    [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string Color,
    int Version,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public string ETag() => $"\"{Version}\"";
}
