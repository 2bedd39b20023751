namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// A request for long-running background work (an export). Jobs travel on their own durable queue, so a job that
/// runs for minutes never delays the events behind it on the worker queue. Handlers must survive being run again
/// after a crash.
/// </summary>
public interface IJob
{
    Guid WorkspaceId { get; }
}
