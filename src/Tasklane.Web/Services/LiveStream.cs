using System.Net;
using Tasklane.Client;

namespace Tasklane.Web.Services;

/// <summary>
/// The event stream of the workspace the current view shows (<c>GET /api/v1/workspaces/{id}/events</c>), read with the typed
/// client's <see cref="WorkspaceEvents.OpenAsync"/> over the API's HttpClient (which carries the token; an EventSource
/// could not). One stream at a time: a view of another workspace replaces it, one of the same workspace keeps it. A
/// connection that ends is opened again after 2 s with the last event id, so the server replays what was missed.
/// </summary>
public sealed class LiveStream(HttpClient http, Uri server) : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private CancellationTokenSource? _running;

    /// <summary>A change of the followed workspace, or <see cref="LiveEvent.Resync"/>.</summary>
    public event Action<LiveEvent>? Received;

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    public event Action? StateChanged;

    /// <summary>The workspace followed, or null.</summary>
    public Guid? WorkspaceId { get; private set; }

    /// <summary>"off", "connecting", or "on" once the server said everything up to now was sent.</summary>
    public string State { get; private set; } = "off";

    /// <summary>Follows <paramref name="workspaceId"/>'s stream from now on; null stops following.</summary>
    public void Follow(Guid? workspaceId)
    {
        if (workspaceId == WorkspaceId)
        {
            return;
        }

        Stop();
        WorkspaceId = workspaceId;
        if (workspaceId is { } id)
        {
            _running = new CancellationTokenSource();
            _ = RunAsync(id, _running.Token);
        }
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        _running?.Cancel();
        _running?.Dispose();
        _running = null;
        WorkspaceId = null;
        SetState("off");
    }

    private async Task RunAsync(Guid workspaceId, CancellationToken ct)
    {
        string? lastEventId = null;
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                SetState("connecting");
                await foreach (var item in WorkspaceEvents.OpenAsync(http, server, workspaceId, lastEventId, ct))
                {
                    lastEventId = item.Id ?? lastEventId;
                    switch (item.Signal)
                    {
                        case StreamSignal.Ready:
                            SetState("on");
                            // A first connection starts at the present: what changed while the view was loading is not
                            // replayed, so the view loads again.
                            if (first)
                            {
                                Received?.Invoke(LiveEvent.Resync);
                            }

                            first = false;
                            break;
                        case StreamSignal.Resync:
                            Received?.Invoke(LiveEvent.Resync);
                            break;
                        case StreamSignal.Change when item.Change is not null:
                            Received?.Invoke(new LiveEvent(item.Change));
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
                when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // Signed out, or no longer a member: trying again cannot help.
                SetState("off");
                return;
            }
            catch (Exception)
            {
                // The connection broke (a host stopped, a proxy timed out; the browser's fetch reports that in more than one
                // way): try again from the last event. The loop must not die, or the view would silently stop being live.
            }

            if (ct.IsCancellationRequested)
            {
                return;
            }

            SetState("off");
            try
            {
                await Task.Delay(RetryAfter, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SetState(string state)
    {
        if (state != State)
        {
            State = state;
            StateChanged?.Invoke();
        }
    }
}
