using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Features.Workspaces;

public static class WorkspaceRules
{
    public const int NameMax = 100;
}

public sealed record WorkspaceResponse(
    Guid Id,
    [property: MaxLength(WorkspaceRules.NameMax)] string Name,
    WorkspaceRole Role,
    DateTime CreatedAt,
    bool RequireTwoFactor
);
