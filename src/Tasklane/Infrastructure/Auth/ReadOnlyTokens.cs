using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
                    var problem = Problems.Forbidden("This API token is read-only: it may only read (GET).");
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                    return;
                }

                await next(context);
            }
        );
}
