using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tasklane.Tests.Support;

/// <summary>
/// The repository's nginx load balancer (scripts/nginx.sh, deploy/nginx) in front of API hosts, as a child process
/// with its files in a temp folder. It connects to the hosts from <see cref="ProxyAddress"/>: give the hosts
/// <c>ForwardedHeaders:KnownProxies</c> = that address.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string ProxyAddress = "127.0.0.2";

    private readonly Process _process;
    private readonly string _dir;

    private NginxProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public static bool Available => File.Exists("/usr/sbin/nginx") || File.Exists("/usr/bin/nginx");

    public string AccessLog => File.Exists(Path.Combine(_dir, "access.log")) ? File.ReadAllText(Path.Combine(_dir, "access.log")) : "";

    public static async Task<NginxProcess> StartAsync(params int[] upstreamPorts)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tl-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(TestServices.RepoRoot(), "scripts", "nginx.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dir, "--listen", port.ToString(CultureInfo.InvariantCulture), "--bind", ProxyAddress })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var upstream in upstreamPorts)
        {
            start.ArgumentList.Add("--upstream");
            start.ArgumentList.Add(upstream.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, dir, port);
        using var http = new HttpClient { BaseAddress = nginx.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}"
                );
            }

            try
            {
                using var health = await http.GetAsync(new Uri("/nginx-health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.NoContent)
                {
                    return nginx;
                }
            }
            catch (HttpRequestException) { }

            await Task.Delay(100);
        }

        await nginx.DisposeAsync();
        throw new TimeoutException("nginx did not answer /nginx-health within 15 s.");
    }

    /// <summary>
    /// A client whose connections leave from <paramref name="localAddress"/> (any 127.x.y.z): one "client IP" per address.
    /// </summary>
    public static HttpClient ClientFrom(Uri baseAddress, string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseAddress, "/api/v1/") };
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM to the master: a SIGKILLed master would leave its worker process serving.
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
