using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.RequestPasswordReset;

public sealed record PasswordResetRequest([property: MaxLength(UserRules.EmailMax)] string? Email);

/// <summary>The one answer to every valid request, known address or not.</summary>
public sealed record PasswordResetRequestedResponse(
    [property: OneOf(typeof(RequestPasswordResetEndpoint), nameof(RequestPasswordResetEndpoint.Messages))] string Message
);

public static class RequestPasswordResetEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(RequestPasswordResetEndpoint), "RequestPasswordReset.sql");

    private const string SentMessage =
        "If an account has this email address, a link to reset its password is on its way (valid for one hour).";

    /// <summary>Every message a <see cref="PasswordResetRequestedResponse"/> carries, as the document states it.</summary>
    internal static readonly string[] Messages = [SentMessage];

    public static ProblemDetails Validate(PasswordResetRequest? request) =>
        request is null ? FieldErrors.MissingBody() : new FieldErrors().Required("email", request.Email, UserRules.EmailMax).ToProblem();

    /// <summary>
    /// Mails a link to reset the password of the account with this email, valid for one hour and once. The answer is the
    /// same whether or not the address has an account, and so is the work: one transaction either way, which only for an
    /// account also queues the mail. Limited like login, per address and per account.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost("/auth/password-reset")]
    [ProducesResponseType<PasswordResetRequestedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(
        PasswordResetRequest request,
        MailSettings mail,
        Outbox outbox,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!mail.Configured)
        {
            return UserTokens.MailNotConfigured();
        }

        var email = request.Email!.Trim().ToUpperInvariant();
        // Counted per address asked for, known or not, like sign-in attempts: nobody can flood one inbox from many IPs.
        using var lease = await limits.AcquireAsync("password-reset", email, settings.LoginAccountPermitsPerWindow, ct);
        if (!lease.IsAcquired)
        {
            return RateLimiting.TooManyRequests(lease, "Too many password reset requests for this address.");
        }

        var token = SessionStore.NewToken();
        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        var userId = await tx.QuerySingleOrDefaultAsync<Guid?>(
            Insert,
            new
            {
                TokenHash = SessionStore.Hash(token),
                EmailNormalized = email,
                Now = now,
                ExpiresAt = now + UserTokens.PasswordResetLifetime,
            },
            ct
        );
        if (userId is { } id)
        {
            tx.Send(new SendMail(Guid.CreateVersion7(), MailKind.PasswordReset, id, token));
        }

        await tx.CommitAsync(ct);
        return Results.Accepted((string?)null, new PasswordResetRequestedResponse(SentMessage));
    }
}
