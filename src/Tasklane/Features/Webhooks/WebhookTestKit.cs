using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// Helpers for the webhook tests.
/// The run's hosts allow private targets and retry after ~100 ms (TasklaneHosts), so a receiver on
/// 127.0.0.1 gets every attempt within seconds.
/// </summary>
public static class WebhookTestKit
{
    public static async Task<(ApiClient Owner, Guid WorkspaceId)> WorkspaceAsync(TasklaneHosts? hosts = null)
    {
        var owner = await ApiClient.SignUpAsync(hosts);
        return (owner, await owner.CreateWorkspaceAsync());
    }

    /// <summary>Registers a webhook; returns its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> RegisterAsync(ApiClient owner, Guid workspaceId, string url, params string[] events)
    {
        var created = await owner.PostAsync(
            $"workspaces/{workspaceId}/webhooks",
            new { url, events = events.Length == 0 ? ["*"] : events }
        );
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement[]> DeliveriesAsync(ApiClient owner, Guid webhookId, string? status = null) =>
        (await owner.GetAsync($"webhooks/{webhookId}/deliveries{(status is null ? "" : $"?status={status}")}"))
            .GetProperty("items")
            .EnumerateArray()
            .ToArray();
}

/// <summary>What a receiver got: the raw body and the headers that matter.</summary>
public sealed record ReceivedRequest(string Body, string? DeliveryId, string? Event, string? Signature, DateTimeOffset At);

/// <summary>
/// A real HTTP receiver in the test process (Kestrel on 127.0.0.1, a free port). <c>respond</c> decides the
/// status of the n-th request (0-based); a negative status hangs until the receiver is disposed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Func<int, int> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _count;

    private WebhookReceiver(Func<int, int> respond) => _respond = respond;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();
    public string Url { get; private set; } = "";

    public static Task<WebhookReceiver> FailingTimesAsync(int failures) => StartAsync(n => n < failures ? 500 : 200);

    public static Task<WebhookReceiver> AlwaysFailingAsync() => StartAsync(_ => 503);

    public static Task<WebhookReceiver> HangingAsync() => StartAsync(_ => -1);

    public static Task<WebhookReceiver> HealthyAsync() => StartAsync(_ => 200);

    public static async Task<WebhookReceiver> StartAsync(Func<int, int> respond)
    {
        var receiver = new WebhookReceiver(respond);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        Received.Enqueue(
            new ReceivedRequest(
                body,
                headers[WebhookSignature.DeliveryHeader],
                headers[WebhookSignature.EventHeader],
                headers[WebhookSignature.SignatureHeader],
                DateTimeOffset.UtcNow
            )
        );
        var status = _respond(Interlocked.Increment(ref _count) - 1);
        if (status < 0)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _stopping.Token);
            }
            catch (OperationCanceledException) { }

            status = 503;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status < 300 ? "thanks" : "try again later");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
