using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Features.Notifications;

/// <summary>What the unsubscribe link's two routes share: the token's shape, the 404 and the page.</summary>
public static class UnsubscribeLink
{
    /// <summary>The route of the one-click unsubscribe link (RFC 8058) of notification mail.</summary>
    public const string Route = "/notification-preferences/unsubscribe/{token}";

    /// <summary>A token has the shape <see cref="SessionStore.NewToken"/> makes; anything else is not looked up.</summary>
    public static bool Plausible(string token) => token.Length == SessionStore.TokenLength;

    public static IResult Invalid() =>
        Results.Problem(
            new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail =
                    "This unsubscribe link is not valid (or its mail is too old). Sign in and change your notification preferences instead.",
            }
        );

    public static IResult Page(HttpResponse response, string title, string text, bool withButton)
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
