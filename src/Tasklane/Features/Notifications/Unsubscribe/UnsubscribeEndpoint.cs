using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.Unsubscribe;

/// <summary>
/// The one-click unsubscribe link of notification mail (RFC 8058): <c>List-Unsubscribe</c> names it, and a mail client
/// POSTs <c>List-Unsubscribe=One-Click</c> to it. No sign-in: the token in the link (its SHA-256 is stored per mail) is
/// the proof. A GET only shows a page with the one button that POSTs, because mail scanners fetch links by themselves.
/// </summary>
public static class UnsubscribeEndpoint
{
    private static readonly string Apply = Sql.Load(typeof(UnsubscribeEndpoint), "Unsubscribe.sql");

    /// <summary>
    /// Turns the link's user's notification mail off (again is fine). A browser (accepting HTML) gets a page saying so,
    /// anyone else the preferences.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost(UnsubscribeLink.Route)]
    [ProducesResponseType<NotificationPreferencesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Post(
        [MaxLength(SessionStore.TokenLength)] string token,
        HttpRequest request,
        HttpResponse response,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!UnsubscribeLink.Plausible(token))
        {
            return UnsubscribeLink.Invalid();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<Guid?>(
            new CommandDefinition(Apply, new { TokenHash = SessionStore.Hash(token), Now = clock.DbNow() }, cancellationToken: ct)
        );
        if (user is null)
        {
            return UnsubscribeLink.Invalid();
        }

        return request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            ? UnsubscribeLink.Page(
                response,
                "You are unsubscribed",
                "Tasklane sends you no more notification mail. Your notifications stay in the app, and you can turn mail on "
                    + "again in your notification preferences.",
                withButton: false
            )
            : Results.Ok(new NotificationPreferencesResponse(NotificationMail.Off));
    }
}
