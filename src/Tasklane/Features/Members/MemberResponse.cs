using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Auth;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Features.Members;

/// <summary>A workspace membership with the member's public profile.</summary>
public sealed record MemberResponse(
    Guid WorkspaceId,
    Guid UserId,
    [property: MaxLength(UserRules.EmailMax)] string Email,
    [property: MaxLength(UserRules.DisplayNameMax)] string DisplayName,
    WorkspaceRole Role,
    DateTime JoinedAt
);
