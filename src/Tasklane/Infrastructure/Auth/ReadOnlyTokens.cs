using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Infrastructure.Auth;

public static class ReadOnlyTokens
{
    /// <summary>
    /// After authentication: a read-only token may only GET (and HEAD, OPTIONS); anything else is 403 whatever the route,
    /// so no route can forget the check. Workspace limits are kept by <see cref="Access"/>.
    /// </summary>
    public static IApplicationBuilder UseReadOnlyTokens(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var method = context.Request.Method;
                if (
                    !HttpMethods.IsGet(method)
                    && !HttpMethods.IsHead(method)
                    && !HttpMethods.IsOptions(method)
                    && context.User.IsReadOnly()
                )
                {
                    // Results.Problem, not IProblemDetailsService.WriteAsync: that throws (a 500) when the client accepts no JSON.
                    await Results.Problem(Problems.Forbidden("This API token is read-only: it may only read (GET).")).ExecuteAsync(context);
                    return;
                }

                await next(context);
            }
        );
}
