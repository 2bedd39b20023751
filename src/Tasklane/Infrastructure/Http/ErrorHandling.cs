using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Every error leaves as RFC 9457 ProblemDetails with a trace id, and never with a stack trace.
/// </summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddTasklaneProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = ctx =>
            {
                var problem = ctx.ProblemDetails;
                problem.Instance ??= ctx.HttpContext.Request.Path;
                Bound(problem);
                // Wolverine answers unreadable JSON with the serializer's message; name the field it points at.
                if (problem.Status == 400 && problem.Title == "Invalid JSON format" && problem.Detail is { } detail)
                {
                    var path = JsonPath().Match(detail);
                    var field = path.Success ? path.Groups[1].Value.TrimStart('$').TrimStart('.') : "body";
                    // Every body is an object: the root failing to convert (an array, a string...) is the body not being one.
                    var message =
                        !path.Success ? "Is not valid JSON."
                        : field.Length == 0 && detail.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal)
                            ? "A JSON object is required."
                        : "Has the wrong type or format.";
                    problem.Extensions["errors"] = new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] };
                    problem.Detail = "The request body is not valid JSON for this endpoint. See 'errors'.";
                }
            }
        );
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The longest type, title and detail a problem carries. Some details quote the request (a serializer's message,
    /// an unknown field's name), so the bound is applied here, where every problem passes, and the document states it.
    /// </summary>
    public const int ProblemTextMax = 2048;

    /// <summary>The longest instance: the request path, which Kestrel's request-line limit (8 KiB by default) bounds too.</summary>
    public const int ProblemInstanceMax = 8192;

    /// <summary>Cuts the problem's texts to <see cref="ProblemTextMax"/> and its instance to <see cref="ProblemInstanceMax"/>.</summary>
    public static void Bound(ProblemDetails problem)
    {
        problem.Type = Cut(problem.Type, ProblemTextMax);
        problem.Title = Cut(problem.Title, ProblemTextMax);
        problem.Detail = Cut(problem.Detail, ProblemTextMax);
        problem.Instance = Cut(problem.Instance, ProblemInstanceMax);
    }

    private static string? Cut(string? text, int max) => text is { Length: var length } && length > max ? text[..max] : text;

    public static IApplicationBuilder UseTasklaneErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Route parameters named <c>...Id</c> are UUIDs; a malformed one is a client error (400), not "not found".
    /// Runs after routing, before the endpoint.
    /// </summary>
    public static IApplicationBuilder UseRouteIdValidation(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (context.GetEndpoint() is RouteEndpoint endpoint)
                {
                    Dictionary<string, string[]>? errors = null;
                    foreach (var parameter in endpoint.RoutePattern.Parameters)
                    {
                        if (
                            parameter.Name.EndsWith("Id", StringComparison.Ordinal)
                            && context.Request.RouteValues[parameter.Name] is string value
                            && !Guid.TryParse(value, out _)
                        )
                        {
                            (errors ??= [])[parameter.Name] = ["Must be a UUID."];
                        }
                    }

                    if (errors is not null)
                    {
                        await Results
                            .ValidationProblem(errors, title: "The request is invalid", detail: "An id in the path is not a UUID.")
                            .ExecuteAsync(context);
                        return;
                    }
                }

                await next(context);
            }
        );

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex JsonPath();

    private sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
                // Text Postgres cannot store (a NUL character; ClientText refuses it in requests): the statement failed,
                // nothing was written.
                PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } =>
                    (
                        StatusCodes.Status400BadRequest,
                        "Bad request",
                        "The request contains a character that cannot be stored (such as NUL)."
                    ),
                NpgsqlException or RedisException or TimeoutException => (
                    StatusCodes.Status503ServiceUnavailable,
                    "Service unavailable",
                    "A backing service is unavailable. Retry shortly."
                ),
                // The object store is the only HTTP service a request calls; the AWS SDK lets HttpRequestException
                // through when it cannot connect at all.
                HttpRequestException or Amazon.Runtime.AmazonServiceException { StatusCode: 0 or >= HttpStatusCode.InternalServerError } =>
                    (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The object store is unavailable. Retry shortly."),
                _ => (
                    StatusCodes.Status500InternalServerError,
                    "Internal server error",
                    "An unexpected error occurred. Quote the traceId when reporting it."
                ),
            };
            if (status >= 500)
            {
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            }

            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "5";
            }

            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = context,
                    Exception = exception,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = status,
                        Title = title,
                        Detail = detail,
                    },
                }
            );
        }

        [LoggerMessage(LogLevel.Error, "Request {Method} {Path} failed")]
        private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
    }
}
