using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Auth;

/// <summary>A fresh second factor: a TOTP <c>code</c> from the authenticator app, or one of the <c>recoveryCode</c>s (used up by this).</summary>
public sealed record TwoFactorCodeRequest(
    [property: MaxLength(TwoFactorCodes.CodeMax)] string? Code,
    [property: MaxLength(TwoFactorCodes.RecoveryCodeMax)] string? RecoveryCode
)
{
    /// <summary>Exactly one of the two, each within its bound.</summary>
    public static FieldErrors Check(FieldErrors errors, string? code, string? recoveryCode) =>
        errors
            .MaxLength("code", code, TwoFactorCodes.CodeMax)
            .MaxLength("recoveryCode", recoveryCode, TwoFactorCodes.RecoveryCodeMax)
            .Check(
                "code",
                string.IsNullOrWhiteSpace(code) != string.IsNullOrWhiteSpace(recoveryCode),
                "Send either code (from the authenticator app) or recoveryCode."
            );

    public static ProblemDetails Validate(TwoFactorCodeRequest? request) =>
        request is null ? FieldErrors.MissingBody() : Check(new FieldErrors(), request.Code, request.RecoveryCode).ToProblem();

    /// <summary>400 for a code that is wrong, used already, or for no enabled two-factor authentication: all look alike.</summary>
    public static ProblemDetails Wrong(TwoFactorCodeRequest request) =>
        new FieldErrors()
            .Add(string.IsNullOrWhiteSpace(request.Code) ? "recoveryCode" : "code", "Is wrong or was used already.")
            .ToProblem();
}
