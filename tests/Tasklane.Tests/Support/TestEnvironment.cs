using NUnit.Framework;
using Tasklane.Tests.Support;

// No namespace: NUnit runs this once around every test in the assembly.
[SetUpFixture]
public sealed class TestEnvironment
{
    private static TestServices? _services;
    private static TasklaneHosts? _hosts;
    private static TasklaneHosts? _hostB;
    private static readonly List<Func<ValueTask>> StopFirst = [];

    /// <summary>Stops something a test kit started for the rest of the run (more hosts) before the run's hosts and services stop.</summary>
    public static void OnStop(Func<ValueTask> stop)
    {
        lock (StopFirst)
        {
            StopFirst.Add(stop);
        }
    }

    /// <summary>PostgreSQL, Redis and the object store shared by the whole run; each test makes its own users and data.</summary>
    public static TestServices Services => _services ?? throw new InvalidOperationException("Test services are not started.");

    /// <summary>One API host and one worker host for the run.</summary>
    public static TasklaneHosts Hosts => _hosts ?? throw new InvalidOperationException("Hosts are not started.");

    /// <summary>
    /// A second API host (no worker) on the same Postgres and Redis: with <see cref="Hosts"/> the production shape of
    /// two hosts behind a load balancer, each with its own memory cache (L1) over the shared Redis (L2).
    /// </summary>
    public static TasklaneHosts HostB => _hostB ?? throw new InvalidOperationException("Hosts are not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _services = await TestServices.StartAsync();
        TestContext.Progress.WriteLine($"Test services: {_services.Backend}");
        await TasklaneHosts.MigrateAsync(_services);
        _hosts = await TasklaneHosts.StartAsync(_services);
        _hostB = await TasklaneHosts.StartAsync(_services, withWorker: false);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var stop in StopFirst)
        {
            await stop();
        }

        if (_hostB is not null)
        {
            await _hostB.DisposeAsync();
        }

        if (_hosts is not null)
        {
            await _hosts.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
