using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tasklane.Infrastructure.Hosting;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Tests.Support;

/// <summary>The real API and worker hosts, on Kestrel at 127.0.0.1 with a free port, wired to the test services.</summary>
public sealed class TasklaneHosts : IAsyncDisposable
{
    private TasklaneHosts(WebApplication api, WebApplication? worker, Uri baseAddress)
    {
        Api = api;
        Worker = worker;
        BaseAddress = baseAddress;
    }

    public WebApplication Api { get; }
    public WebApplication? Worker { get; }
    public Uri BaseAddress { get; }

    public static Task MigrateAsync(TestServices services) =>
        MigrateCommand.RunAsync(["--environment", "Development"], b => Configure(b, services, null));

    /// <summary><paramref name="configure"/> runs last on each host's builder (e.g. to capture its logs).</summary>
    public static async Task<TasklaneHosts> StartAsync(
        TestServices services,
        string environment = "Development",
        bool withWorker = true,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder, HostRole>? configure = null
    )
    {
        string[] args = ["--environment", environment];
        var api = ApiHost.Build(
            args,
            b =>
            {
                Configure(b, services, settings);
                b.WebHost.UseUrls("http://127.0.0.1:0");
                configure?.Invoke(b, HostRole.Api);
            }
        );
        await api.StartAsync();

        WebApplication? worker = null;
        if (withWorker)
        {
            worker = WorkerHost.Build(
                args,
                b =>
                {
                    Configure(b, services, settings);
                    b.WebHost.UseUrls("http://127.0.0.1:0");
                    configure?.Invoke(b, HostRole.Worker);
                }
            );
            await worker.StartAsync();
        }

        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TasklaneHosts(api, worker, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseAddress, "/api/v1/") };

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync();
            await Worker.DisposeAsync();
        }

        await Api.StopAsync();
        await Api.DisposeAsync();
    }

    private static void Configure(WebApplicationBuilder builder, TestServices services, IDictionary<string, string?>? settings)
    {
        builder.Configuration.AddInMemoryCollection(services.Configuration);
        // Every test signs up from 127.0.0.1; the per-IP limits on register and login would throttle the suite, and the per-account
        // one a test signing in one user many times (rate-limit tests start hosts with their own limits and RateLimiting:KeyPrefix).
        // Small export parts (s3rver takes them; S3 would not) so even small test projects upload in many parts.
        // Reminders fire at the due date itself, so reminder tests can use dates seconds away (the run's one worker schedules them).
        // Webhook receivers in tests listen on 127.0.0.1, and retries come ~100 ms apart instead of hours
        // (every worker of the run may send any delivery, so all hosts share these; CreateWebhookSsrfTests and
        // WebhookGuardTests start hosts at the default, with the switch off).
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["RateLimiting:AnonymousPermitsPerWindow"] = "1000000",
                ["RateLimiting:LoginIpPermitsPerWindow"] = "1000000",
                ["RateLimiting:LoginAccountPermitsPerWindow"] = "1000000",
                ["Exports:PartSizeBytes"] = "65536",
                ["Reminders:LeadTime"] = "00:00:00",
                ["Webhooks:AllowPrivateTargets"] = "true",
                ["Webhooks:RetryDelaysSeconds:0"] = "0.1",
                ["Webhooks:RetryDelaysSeconds:1"] = "0.1",
                ["Webhooks:RetryDelaysSeconds:2"] = "0.1",
                ["Webhooks:RetryDelaysSeconds:3"] = "0.1",
                // Streams check access every second (a revoked token is cut off within it) and buffer little, so the slow-client
                // test fills the buffer quickly.
                ["Stream:RecheckSeconds"] = "1",
                ["Stream:BufferedChanges"] = "64",
                // Mail goes to the run's maildev (services.sh); links name a web app that tests only parse.
                ["Mail:PublicBaseUrl"] = "http://tasklane.test",
                ["Mail:From"] = "Tasklane <tasklane@tasklane.test>",
                // Notification mail only for users who ask for it (the notification mail tests do), so the suite's other
                // notifications do not fill the run's maildev; digests gather 15 seconds instead of a day.
                ["Mail:NotificationDefault"] = "off",
                ["Mail:DigestPeriod"] = "00:00:15",
                ["Mail:DigestAt"] = "00:00:00",
                // Seals TOTP secrets; every host of the run must share it (a test key, never a deployment's).
                ["TwoFactor:SecretKey"] = "dGFza2xhbmUtdGVzdHMtdHdvLWZhY3Rvci1rZXktMzI=",
            }
        );
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }
}
