using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Configuration;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Observability;
using Tasklane.Infrastructure.Storage;
using Wolverine;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>What both hosts share: data sources, Redis, object store, health checks, Wolverine.</summary>
public static class CoreServices
{
    public static WebApplicationBuilder AddTasklaneCore(this WebApplicationBuilder builder, HostRole role)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        SettingsValidator.Validate(config);
        builder.AddTasklaneLogging();
        builder.AddTasklaneTelemetry(role);

        services.AddTasklaneDatabase(config);
        var redisOptions = ConfigurationOptions.Parse(config.RequiredConnectionString("Redis"));
        redisOptions.AbortOnConnectFail = false; // start even while Redis is down; calls fail fast and are answered 503
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, fail at once instead of queueing until a timeout
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddSingleton<IDistributedCache, RedisL2Cache>();
        services.AddHybridCache();
        services.AddTasklaneStorage(config);
        services.AddTasklaneProblemDetails();
        services.AddSingleton(TimeProvider.System);
        // On SIGTERM Kestrel stops accepting, in-flight requests and message handlers get this long to finish, and
        // Wolverine hands the messages it still holds back to the other nodes.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.GetValue("Shutdown:TimeoutSeconds", 30)));

        services.Scan(scan =>
            scan.FromAssemblyOf<Outbox>()
                .AddClasses(c => c.AssignableTo<ISingletonService>())
                .AsSelf()
                .WithSingletonLifetime()
                .AddClasses(c => c.AssignableTo<IScopedService>())
                .AsSelf()
                .WithScopedLifetime()
                // The Auth feature's account linking for OpenID Connect, which the handler's events in Infrastructure call.
                .AddClasses(c => c.AssignableTo<IOidcSignIn>())
                .As<IOidcSignIn>()
                .WithScopedLifetime()
                // A feature's own Wolverine set-up (its queues, its listeners): Wolverine applies these when it builds its options.
                .AddClasses(c => c.AssignableTo<IWolverineExtension>())
                .As<IWolverineExtension>()
                .WithSingletonLifetime()
        );
        services.AddSingleton(new RunningHost(role));
        services.AddHostedService(sp => sp.GetRequiredService<HotCache>());

        // Readiness needs Postgres; without Redis or the object store the host still serves what it can (reported as degraded).
        services
            .AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgres", tags: ["ready"])
            .AddRedis(
                sp => sp.GetRequiredService<IConnectionMultiplexer>(),
                name: "redis",
                failureStatus: HealthStatus.Degraded,
                tags: ["ready"]
            )
            .AddCheck<StorageHealthCheck>("object-store", HealthStatus.Degraded, ["ready"]);

        builder.Host.UseWolverine(opts => WolverineSetup.Configure(opts, config, builder.Environment, role));
        return builder;
    }

    /// <summary>Health probes, and <c>/metrics</c> when enabled.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapTasklaneMetrics();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks(
            "/health/ready",
            new()
            {
                Predicate = check => check.Tags.Contains("ready"),
                ResponseWriter = (context, report) =>
                    context.Response.WriteAsJsonAsync(
                        new
                        {
                            status = report.Status.ToString(),
                            checks = report.Entries.ToDictionary(
                                e => e.Key,
                                e => new { status = e.Value.Status.ToString(), e.Value.Description }
                            ),
                        }
                    ),
            }
        );
        return app;
    }
}
