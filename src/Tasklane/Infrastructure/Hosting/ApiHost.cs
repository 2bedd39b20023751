using JasperFx;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Features.Changes;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Infrastructure.Hosting;

public static class ApiHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Entry point of Tasklane.Api: <c>migrate</c>, JasperFx commands (<c>codegen write</c>, ...), or run.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["migrate", ..])
        {
            return await MigrateCommand.RunAsync(args[1..]);
        }

        return await Build(args).RunJasperFxCommands(args);
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings*.json ship beside the binaries; the working directory must not matter.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddTasklaneCore(HostRole.Api);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder
            .Services.AddAuthentication(BearerSessionHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerSessionHandler>(BearerSessionHandler.SchemeName, null)
            .AddTasklaneOidc(builder.Configuration);
        builder.Services.AddAuthorization();
        builder.Services.AddTasklaneForwardedHeaders(builder.Configuration);
        builder.Services.AddTasklaneRateLimiting(builder.Configuration);
        builder.Services.AddWolverineHttp();
        builder.Services.AddTasklaneOpenApi();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFanOut>());

        var app = builder.Build();
        app.UseTasklaneForwardedHeaders();
        app.UseNoSniff();
        app.UseTasklaneErrorHandling();
        app.UseRouting();
        app.UseAuthentication();
        app.UseReadYourWrites();
        app.UseTasklaneRateLimiting(); // before authorization, so floods of unauthenticated requests count too
        app.UseAuthorization();
        app.UseReadOnlyTokens();
        app.UseRouteIdValidation();
        app.UseClientTextChecks();
        app.UseTasklaneIdempotency();
        app.MapHealthEndpoints();
        app.MapTasklaneOpenApi();
        app.MapWolverineEndpoints(opts =>
        {
            opts.RoutePrefix(ApiRoutes.Prefix);
            opts.RequireAuthorizeOnAll();
            opts.RejectUnparseableQueryValues = true;
            opts.ConfigureEndpoints(OpenApiSetup.Describe);
        });
        app.MapTasklaneWebApp(); // unknown /api/... paths stay the ProblemDetails 404
        return app;
    }

    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> on every response, so no browser runs an API answer (a JSON string, an error
    /// echoing input) as HTML or script. Added as the headers go out because the exception handler clears earlier ones.
    /// </summary>
    private static void UseNoSniff(this WebApplication app) =>
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    return Task.CompletedTask;
                });
                return next(context);
            }
        );
}
