using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.ShowUnsubscribePage;

/// <summary>
/// The unsubscribe link opened in a browser. A GET only shows a page with the one button that POSTs
/// (POST, Unsubscribe), because mail scanners fetch links by themselves.
/// </summary>
public static class ShowUnsubscribePageEndpoint
{
    private static readonly string Known = Sql.Load(typeof(ShowUnsubscribePageEndpoint), "UnsubscribeToken.sql");

    /// <summary>
    /// A page that asks to confirm unsubscribing from notification mail, with the button that POSTs to this same link.
    /// Unsubscribes nothing by itself.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverineGet(UnsubscribeLink.Route)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(
        [MaxLength(SessionStore.TokenLength)] string token,
        HttpResponse response,
        NpgsqlDataSource db,
        CancellationToken ct
    )
    {
        if (!UnsubscribeLink.Plausible(token))
        {
            return UnsubscribeLink.Invalid();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var known = await connection.QuerySingleAsync<bool>(
            new CommandDefinition(Known, new { TokenHash = SessionStore.Hash(token) }, cancellationToken: ct)
        );
        return known
            ? UnsubscribeLink.Page(
                response,
                "Unsubscribe from Tasklane notification mail?",
                "You will get no more mail about mentions, assignments, comments and reminders (they stay in the app). "
                    + "You can turn it on again in your notification preferences.",
                withButton: true
            )
            : UnsubscribeLink.Invalid();
    }
}
