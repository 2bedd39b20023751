namespace Tasklane.Web.Services;

/// <summary>
/// Runs an action at once, and a burst of calls while it runs as one more run after it: a view redraws as soon as a change
/// arrives, yet a bulk edit of fifty tasks reloads it twice, not fifty times.
/// </summary>
public sealed class Coalescer
{
    private bool _running;
    private bool _again;

    public void Run(Func<Task> action)
    {
        if (_running)
        {
            _again = true;
            return;
        }

        _ = LoopAsync(action);
    }

    private async Task LoopAsync(Func<Task> action)
    {
        _running = true;
        try
        {
            do
            {
                _again = false;
                await action();
            } while (_again);
        }
        finally
        {
            _running = false;
        }
    }
}
