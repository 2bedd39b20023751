using System.Threading.Channels;

namespace Tasklane.Infrastructure.Database;

/// <summary>
/// Writes the items of concurrent callers together: each caller awaits its item, and whatever has queued up while the
/// previous write ran goes into the next one (a single statement, a single commit). Alone, an item is written at once;
/// under load, many share one commit. If a shared write fails, each of its items is written alone, so one bad item
/// fails only its own caller (a poison message must not take its batch-mates down with it).
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(T, TaskCompletionSource)>(
        new() { SingleReader = true }
    );
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<T>, Task> write, int maxBatch)
    {
        _write = write;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    public async Task WriteAsync(T item, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((item, done), ct);
        await done.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(T Item, TaskCompletionSource Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await _write([.. batch.Select(b => b.Item)]);
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch when (batch.Count > 1)
            {
                foreach (var (item, done) in batch)
                {
                    await WriteAloneAsync(item, done);
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(T item, TaskCompletionSource done)
    {
        try
        {
            await _write([item]);
            done.TrySetResult();
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }
}
