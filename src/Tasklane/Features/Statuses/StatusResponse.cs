using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Labels;
using Tasklane.Features.Tasks;

namespace Tasklane.Features.Statuses;

/// <summary>
/// One column of a project's board. <see cref="Category"/> is what the status means to the rest of Tasklane (a task's
/// <c>status</c>); <see cref="WipLimit"/> caps the tasks in the column (null: no limit). <see cref="Version"/> is the ETag.
/// </summary>
public sealed record StatusResponse(
    Guid Id,
    Guid ProjectId,
    [property: MaxLength(StatusRules.NameMax)] string Name,
    [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string Color,
    StatusCategory Category,
    double Position,
    [property: Range(1, StatusRules.WipLimitMax)] int? WipLimit,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public string ETag() => $"\"{Version}\"";
}
