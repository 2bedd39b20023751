using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Auth;

/// <summary>A user as the API shows it to that user.</summary>
/// <summary>Limits of a user's fields: register and login check them, invitations check the email.</summary>
public static class UserRules
{
    /// <summary>The longest address SMTP can deliver to (RFC 5321's 256-octet path, without its angle brackets).</summary>
    public const int EmailMax = 254;

    public const int PasswordMin = 8;
    public const int PasswordMax = 128;
    public const int DisplayNameMax = 100;
}

public sealed record UserResponse(
    Guid Id,
    [property: MaxLength(UserRules.EmailMax)] string Email,
    [property: MaxLength(UserRules.DisplayNameMax)] string DisplayName,
    DateTime CreatedAt,
    bool EmailVerified,
    bool TwoFactorEnabled
);
