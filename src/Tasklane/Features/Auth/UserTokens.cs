using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Auth;

/// <summary>
/// Single-use tokens mailed to a user (table <c>user_tokens</c>, SHA-256 only): a password reset lives an hour, an
/// email verification a day. Their purpose is the kind of mail that carries them.
/// </summary>
public static class UserTokens
{
    public const string PasswordReset = MailKind.PasswordReset;
    public const string EmailVerification = MailKind.EmailVerification;

    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan EmailVerificationLifetime = TimeSpan.FromHours(24);

    private static readonly string SpendSql = Sql.Load(typeof(UserTokens), "SpendUserToken.sql");

    /// <summary>Spends a mailed <paramref name="token"/> of <paramref name="purpose"/> in the transaction; its user, or null when it is no good.</summary>
    public static Task<Guid?> SpendAsync(OutboxTransaction tx, string token, string purpose, DateTime now, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<Guid?>(
            SpendSql,
            new
            {
                TokenHash = SessionStore.Hash(token),
                Purpose = purpose,
                Now = now,
            },
            ct
        );

    /// <summary>503 for what cannot work without mail: a link nobody receives helps nobody.</summary>
    public static IResult MailNotConfigured() =>
        Results.Problem(
            new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = "Mail is not configured on this server (Mail:Host), so no link can be sent.",
            }
        );

    /// <summary>400 for a token that is unknown, used already, expired, or of another purpose: all look alike.</summary>
    public static IResult Invalid() => Results.Problem(new FieldErrors().Add("token", "Is unknown, used or expired.").ToProblem());
}
