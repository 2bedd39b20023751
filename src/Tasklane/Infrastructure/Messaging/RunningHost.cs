namespace Tasklane.Infrastructure.Messaging;

public enum HostRole
{
    Api,
    Worker,
}

/// <summary>What this process runs as, for services both hosts share.</summary>
public sealed record RunningHost(HostRole Role);
