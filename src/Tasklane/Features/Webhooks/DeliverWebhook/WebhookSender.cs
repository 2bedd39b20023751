using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Webhooks.DeliverWebhook;

/// <summary>What one HTTP attempt came to: the receiver's answer, or why there was none.</summary>
public sealed record AttemptOutcome(int? StatusCode, string? ResponseBody, string? Error, int DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>POSTs one signed delivery with a timeout; never throws for what the receiver or the network did.</summary>
public sealed class WebhookSender(WebhookSettings settings, TimeProvider clock) : ISingletonService, IDisposable
{
    // One client per process: its handler dials only what the SSRF guard allows and renews connections every few minutes
    // (so DNS changes are seen). The timeout is enforced per request below, so the client itself never times out first.
    private readonly HttpClient _client = new(WebhookTargets.Handler(settings)) { Timeout = Timeout.InfiniteTimeSpan };

    public const int ResponseExcerptMax = 1024;

    /// <summary>The longest error kept for an attempt: exception messages can quote whatever the network returned.</summary>
    public const int ErrorMax = 1024;

    public async Task<AttemptOutcome> SendAsync(
        Guid deliveryId,
        string @event,
        string url,
        string secret,
        string payload,
        CancellationToken ct
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Tasklane-Webhooks", "1"));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, @event);
        request.Headers.Add(
            WebhookSignature.SignatureHeader,
            WebhookSignature.Header(secret, clock.GetUtcNow().ToUnixTimeSeconds(), payload)
        );

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            return new AttemptOutcome((int)response.StatusCode, excerpt, null, Elapsed(watch));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, null, Cut($"No answer within {settings.TimeoutSeconds} s."), Elapsed(watch));
        }
        catch (HttpRequestException e)
        {
            // The refusal is the inner exception of the connect failure; say that, not "connection failed".
            var refused = e.InnerException as WebhookTargetRefusedException;
            return new AttemptOutcome(null, null, Cut(refused?.Message ?? Describe(e)), Elapsed(watch));
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // Read at most the excerpt: a receiver streaming a huge body must not tie up the sender.
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseExcerptMax * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length == 0 ? null
            : text.Length > ResponseExcerptMax ? text[..ResponseExcerptMax]
            : text;
    }

    private static string Describe(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}";

    private static string Cut(string error) => error.Length > ErrorMax ? error[..ErrorMax] : error;

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    public void Dispose() => _client.Dispose();
}
