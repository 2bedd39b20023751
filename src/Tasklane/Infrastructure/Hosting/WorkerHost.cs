using JasperFx;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Retention;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>The background host: consumes the durable worker queue and purges old data; serves only health endpoints.</summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(string[] args) => await Build(args).RunJasperFxCommands(args);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings*.json ship beside the binaries; the working directory must not matter.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddTasklaneCore(HostRole.Worker);
        // Purging is background work; one worker's purge covers the whole database, API hosts never run it.
        builder.Services.AddSingleton<RetentionPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionPurge>());
        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
