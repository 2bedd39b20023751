using JasperFx;
using Microsoft.AspNetCore.Builder;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>The background host: consumes the durable worker queue; serves only health endpoints.</summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(string[] args) => await Build(args).RunJasperFxCommands(args);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings*.json ship beside the binaries; the working directory must not matter.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddTasklaneCore(HostRole.Worker);
        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
