using Microsoft.AspNetCore.Components;
using Tasklane.Client;
using Tasklane.Web.Services;

namespace Tasklane.Web.Components;

/// <summary>
/// A screen: it talks to the API through the typed client, shows what fails in the error banner, and hears the changes of its
/// workspace (<see cref="OnLiveAsync"/>) while it is showing. Loads for earlier parameters (another project, say) are
/// cancelled by <see cref="Restart"/>, so a late answer never draws over the current one.
/// </summary>
public abstract class ViewBase : ComponentBase, IDisposable
{
    private CancellationTokenSource _showing = new();

    [Inject]
    protected TasklaneApiClient Api { get; set; } = null!;

    [Inject]
    protected ErrorBanner Errors { get; set; } = null!;

    [Inject]
    protected LiveStream Live { get; set; } = null!;

    [Inject]
    protected NavigationManager Nav { get; set; } = null!;

    /// <summary>Cancelled when the view goes away or shows something else.</summary>
    protected CancellationToken Showing => _showing.Token;

    public void Dispose()
    {
        Live.Received -= OnReceived;
        _showing.Cancel();
        _showing.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized() => Live.Received += OnReceived;

    /// <summary>Starts showing something else: what was loading for the previous parameters is cancelled.</summary>
    protected CancellationToken Restart()
    {
        _showing.Cancel();
        _showing.Dispose();
        _showing = new CancellationTokenSource();
        return _showing.Token;
    }

    /// <summary>Runs a load or an action; a failure goes to the error banner.</summary>
    protected Task RunAsync(Func<Task> action) => Errors.RunAsync(action);

    /// <summary>What the view does with a change in the followed workspace (or a resync); it is redrawn afterwards.</summary>
    protected virtual Task OnLiveAsync(LiveEvent live) => Task.CompletedTask;

    protected virtual void Dispose(bool disposing) { }

    private void OnReceived(LiveEvent live) =>
        _ = InvokeAsync(async () =>
        {
            // The header counts notifications (MainLayout); views take the rest.
            if (live.Type == "notification.created" || Showing.IsCancellationRequested)
            {
                return;
            }

            await RunAsync(() => OnLiveAsync(live));
            StateHasChanged();
        });
}
