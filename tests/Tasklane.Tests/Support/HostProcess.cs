using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Tasklane.Tests.Support;

/// <summary>
/// The real API or worker as a child process (the built Tasklane.Api.dll / Tasklane.Worker.dll), for tests
/// that must SIGKILL a host or stop it with SIGTERM: in-process hosts cannot die the way a process does.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int OutputLines = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dll;
    private readonly Dictionary<string, string?> _environment;
    private readonly Queue<string> _output = new();
    private Process? _process;

    private HostProcess(string dll, Dictionary<string, string?> environment, int port)
    {
        _dll = dll;
        _environment = environment;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process is null || _process.HasExited;

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The last lines the process wrote to stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static Task<HostProcess> StartApiAsync(TestServices services, IDictionary<string, string?>? settings = null) =>
        StartAsync("Tasklane.Api", services, settings);

    public static Task<HostProcess> StartWorkerAsync(TestServices services, IDictionary<string, string?>? settings = null) =>
        StartAsync("Tasklane.Worker", services, settings);

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseAddress, "/api/v1/") };

    /// <summary>SIGKILL: no shutdown hooks run, in-flight work is abandoned mid-way.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the host to finish its graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } p)
        {
            return _process?.ExitCode ?? 0;
        }

        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(_dll)} did not stop after SIGTERM.\n{Output}");
        }

        return p.ExitCode;
    }

    /// <summary>Starts the host again on the same port with the same settings (after Kill or StopAsync).</summary>
    public async Task RestartAsync()
    {
        Kill();
        _process?.Dispose();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.CompletedTask;
    }

    private static async Task<HostProcess> StartAsync(string name, TestServices services, IDictionary<string, string?>? settings)
    {
        // The test project builds both hosts (ReferenceOutputAssembly=false), in the test run's configuration.
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(TestServices.RepoRoot(), "src", name, "bin", configuration, "net10.0", name + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
        }

        var environment = new Dictionary<string, string?>
        {
            // Production settings on the pre-generated code; Auto falls back to runtime compilation if it is stale.
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Wolverine__CodeGeneration"] = "Auto",
            // Every test signs up from 127.0.0.1; the per-IP limits on register and login would throttle it (see TasklaneHosts).
            ["RateLimiting__AnonymousPermitsPerWindow"] = "1000000",
            ["RateLimiting__LoginIpPermitsPerWindow"] = "1000000",
            ["RateLimiting__LoginAccountPermitsPerWindow"] = "1000000",
        };
        foreach (var (key, value) in services.Configuration)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new HostProcess(dll, environment, FreePort());
        await host.LaunchAsync();
        return host;
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        start.ArgumentList.Add(_dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // Generous: fixtures start several hosts at once, on CI machines whose cores other jobs share.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(_dll)} exited with {process.ExitCode} at start.\n{Output}");
            }

            try
            {
                using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }

            await Task.Delay(100);
        }

        Kill();
        throw new TimeoutException($"{Path.GetFileName(_dll)} did not answer /health/live within {StartTimeout.TotalSeconds} s.\n{Output}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
