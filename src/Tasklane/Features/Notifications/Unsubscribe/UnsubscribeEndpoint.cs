using System.Net;
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
    private const string Route = "/notification-preferences/unsubscribe/{token}";

    private static readonly string Apply = Sql.Load(typeof(UnsubscribeEndpoint), "Unsubscribe.sql");
    private static readonly string Known = Sql.Load(typeof(UnsubscribeEndpoint), "UnsubscribeToken.sql");

    /// <summary>
    /// A page that asks to confirm unsubscribing from notification mail, with the button that POSTs to this same link.
    /// Unsubscribes nothing by itself.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverineGet(Route)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string token, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!Plausible(token))
        {
            return Invalid();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var known = await connection.QuerySingleAsync<bool>(
            new CommandDefinition(Known, new { TokenHash = SessionStore.Hash(token) }, cancellationToken: ct)
        );
        return known
            ? Page(
                response,
                "Unsubscribe from Tasklane notification mail?",
                "You will get no more mail about mentions, assignments, comments and reminders (they stay in the app). "
                    + "You can turn it on again in your notification preferences.",
                withButton: true
            )
            : Invalid();
    }

    /// <summary>
    /// Turns the link's user's notification mail off (again is fine). A browser (accepting HTML) gets a page saying so,
    /// anyone else the preferences.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost(Route)]
    [ProducesResponseType<NotificationPreferencesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Post(
        string token,
        HttpRequest request,
        HttpResponse response,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!Plausible(token))
        {
            return Invalid();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<Guid?>(
            new CommandDefinition(Apply, new { TokenHash = SessionStore.Hash(token), Now = clock.DbNow() }, cancellationToken: ct)
        );
        if (user is null)
        {
            return Invalid();
        }

        return request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            ? Page(
                response,
                "You are unsubscribed",
                "Tasklane sends you no more notification mail. Your notifications stay in the app, and you can turn mail on "
                    + "again in your notification preferences.",
                withButton: false
            )
            : Results.Ok(new NotificationPreferencesResponse(NotificationMail.Off));
    }

    /// <summary>A token has the shape <see cref="SessionStore.NewToken"/> makes; anything else is not looked up.</summary>
    private static bool Plausible(string token) => token.Length == SessionStore.TokenLength;

    private static IResult Invalid() =>
        Results.Problem(
            new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail =
                    "This unsubscribe link is not valid (or its mail is too old). Sign in and change your notification preferences instead.",
            }
        );

    private static IResult Page(HttpResponse response, string title, string text, bool withButton)
    {
        // The link's token is in the URL: no referrer carries it anywhere, and the page loads nothing.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
        // The form posts what a mail client's one-click posts (RFC 8058), to this same URL.
        var button = withButton
            ? """<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>"""
            : "";
        var heading = WebUtility.HtmlEncode(title);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{heading}</title></head>
            <body><h1>{heading}</h1><p>{WebUtility.HtmlEncode(text)}</p>{button}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
