using System.Net.Http.Headers;
using System.Threading.Channels;
using Tasklane.Client;

namespace Tasklane.Tests.Support;

/// <summary>
/// One open connection to a workspace's event stream, read in the background through the typed client
/// (<see cref="WorkspaceEvents.OpenAsync"/>); a test takes what arrived, waits for what it expects, or for the end.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly Channel<StreamItem> _items = Channel.CreateUnbounded<StreamItem>();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;

    private EventStreamClient(HttpClient http, Uri server, Guid workspaceId, string? lastEventId)
    {
        _http = http;
        Ended = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in WorkspaceEvents.OpenAsync(http, server, workspaceId, lastEventId, _stop.Token))
                {
                    await _items.Writer.WriteAsync(item);
                }
            }
            finally
            {
                _items.Writer.TryComplete();
            }
        });
    }

    /// <summary>Completes when the server ends the stream (faulted if it refused it or the connection broke).</summary>
    public Task Ended { get; }

    /// <summary>Opens the stream on <paramref name="hosts"/> (default: host A) and waits for its ready event.</summary>
    public static async Task<(EventStreamClient Stream, List<StreamItem> UntilReady)> OpenAsync(
        string token,
        Guid workspaceId,
        TasklaneHosts? hosts = null,
        string? lastEventId = null
    )
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var stream = new EventStreamClient(http, (hosts ?? TestEnvironment.Hosts).BaseAddress, workspaceId, lastEventId);
        return (stream, await stream.ReadUntilAsync(i => i.Signal == StreamSignal.Ready));
    }

    /// <summary>Everything that arrives until <paramref name="last"/> holds for one item (included), or throws after the timeout.</summary>
    public async Task<List<StreamItem>> ReadUntilAsync(Func<StreamItem, bool> last, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var items = new List<StreamItem>();
        try
        {
            while (await _items.Reader.WaitToReadAsync(deadline.Token))
            {
                while (_items.Reader.TryRead(out var item))
                {
                    items.Add(item);
                    if (last(item))
                    {
                        return items;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The awaited event did not arrive; got {items.Count}: {string.Join(", ", items.Select(i => i.Change?.Type ?? i.Signal.ToString()))}"
            );
        }

        await Ended; // rethrows why the stream ended
        throw new InvalidOperationException($"The stream ended before the awaited event; got {items.Count}.");
    }

    /// <summary>What has arrived so far, without waiting.</summary>
    public List<StreamItem> Received()
    {
        var items = new List<StreamItem>();
        while (_items.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Ended;
        }
        catch (Exception)
        {
            // Cancelled by us, or already reported by the test.
        }

        _http.Dispose();
        _stop.Dispose();
    }
}
