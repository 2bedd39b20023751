namespace Tasklane.Web.Services;

/// <summary>
/// Runs an action at most once per burst of calls (the last call wins), so a bulk edit reloads a view once, not per change.
/// </summary>
public sealed class Debouncer(TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? _pending;

    public void Run(Func<Task> action)
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = new CancellationTokenSource();
        _ = FireAsync(action, _pending.Token);
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }

    private async Task FireAsync(Func<Task> action, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await action();
    }
}
