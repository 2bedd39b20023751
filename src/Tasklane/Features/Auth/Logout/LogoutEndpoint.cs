using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Wolverine.Http;

namespace Tasklane.Features.Auth.Logout;

public static class LogoutEndpoint
{
    /// <summary>Ends the session of the token this request was made with.</summary>
    [WolverinePost("/auth/logout")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(HttpRequest request, SessionStore sessions)
    {
        await sessions.DeleteAsync(BearerSessionHandler.BearerToken(request)!);
        return Results.NoContent();
    }
}
