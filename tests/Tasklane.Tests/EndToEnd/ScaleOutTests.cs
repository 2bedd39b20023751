using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// The scaled-out topology of <c>./run.sh --scale</c>: two API processes behind the repository's nginx config, on their
/// own database. Failover, cross-host consistency, forwarded headers and the per-IP login limit through the proxy.
/// Each "client IP" is a loopback address the test's connections leave from (127.0.0.N).
/// </summary>
[TestFixture]
public class ScaleOutTests
{
    private const int LoginLimit = 5;
    private static int _nextAddress = 20;

    private TestServices _services = null!;
    private HostProcess _a = null!;
    private HostProcess _b = null!;
    private HostProcess _draining = null!;
    private HostProcess _worker = null!;
    private HostProcess _otherWorker = null!;
    private NginxProcess _nginx = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!NginxProcess.Available)
        {
            Assert.Ignore("nginx is not installed (apt-get install -y nginx; .ci/run installs it).");
        }

        _services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(_services);
        var settings = new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = NginxProcess.ProxyAddress,
            ["RateLimiting:LoginIpPermitsPerWindow"] = LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:KeyPrefix"] = "scale-" + Guid.NewGuid().ToString("N"),
        };
        // All at once: on a small CI machine process starts dominate this fixture's time.
        var hosts = await Task.WhenAll(
            HostProcess.StartApiAsync(_services, settings),
            HostProcess.StartApiAsync(_services, settings),
            HostProcess.StartApiAsync(
                _services,
                new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = NginxProcess.ProxyAddress }
            ),
            HostProcess.StartWorkerAsync(_services),
            HostProcess.StartWorkerAsync(_services)
        );
        (_a, _b, _draining, _worker, _otherWorker) = (hosts[0], hosts[1], hosts[2], hosts[3], hosts[4]);
        _nginx = await NginxProcess.StartAsync(_a.Port, _b.Port);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var host in new[] { _a, _b, _draining, _worker, _otherWorker })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Nginx_balances_requests_over_both_hosts_and_a_write_on_one_host_is_read_on_the_other_at_once()
    {
        var user = await SignUpAsync(_nginx.BaseAddress);
        var (_, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        for (var i = 0; i < 4; i++)
        {
            await user.GetAsync($"projects/{projectId}/tasks");
        }

        using var onA = Authorized(_a.BaseAddress, user);
        using var onB = Authorized(_b.BaseAddress, user);
        var created = await ApiClient.Send(
            onA,
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            new { title = "Written on A" },
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetGuid();
        var readOnB = await ApiClient.Send(onB, HttpMethod.Get, $"tasks/{id}", null, HttpStatusCode.OK);
        var listedOnB = await ApiClient.Send(onB, HttpMethod.Get, $"projects/{projectId}/tasks", null, HttpStatusCode.OK);

        var upstreams = _nginx
            .AccessLog.Split('\n')
            .Where(l => l.Contains("upstream=127.0.0.1:", StringComparison.Ordinal))
            .Select(l => l.Split("upstream=")[1].Split(' ')[0])
            .ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(readOnB.GetProperty("title").GetString(), Is.EqualTo("Written on A"));
            Assert.That(listedOnB.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()), Does.Contain(id));
            Assert.That(upstreams, Is.SupersetOf(new[] { $"127.0.0.1:{_a.Port}", $"127.0.0.1:{_b.Port}" }), "nginx used both hosts");
        });
    }

    /// <summary>The reported leak, as found: an outsider's requests alternate between the hosts behind nginx.</summary>
    [Test, Order(1)]
    public async Task Through_nginx_an_outsider_gets_404_for_every_read_and_write_of_another_workspace_on_both_hosts()
    {
        var owner = await SignUpAsync(_nginx.BaseAddress);
        var outsider = await SignUpAsync(_nginx.BaseAddress);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Secret plan", description = "Confidential" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "Confidential comment" });
        string[] reads =
        [
            $"projects/{projectId}",
            $"projects/{projectId}/tasks",
            $"projects/{projectId}/activity",
            $"tasks/{taskId}",
            $"tasks/{taskId}/comments",
            $"tasks/{taskId}/activity",
        ];

        var answers = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            foreach (var path in reads)
            {
                using var response = await outsider.Http.GetAsync(path);
                answers.Add($"GET {path} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            using var patch = await outsider.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"Owned"}""");
            answers.Add($"PATCH tasks/{taskId} -> {(int)patch.StatusCode} {await patch.Content.ReadAsStringAsync()}");
        }

        Assert.That(answers.Where(a => !a.Contains(" -> 404 ", StringComparison.Ordinal)), Is.Empty);
        Assert.That((await owner.GetAsync($"tasks/{taskId}")).GetProperty("title").GetString(), Is.EqualTo("Secret plan"));
    }

    [Test, Order(2)]
    public async Task Through_nginx_the_login_limit_counts_per_real_client_address_and_a_forged_X_Forwarded_For_does_not_escape_it()
    {
        using var attacker = NginxProcess.ClientFrom(_nginx.BaseAddress, NextAddress());
        using var bystander = NginxProcess.ClientFrom(_nginx.BaseAddress, NextAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginLimit; i++)
        {
            // A new "client address" every time: would reset the count if the API believed it.
            statuses.Add(await LoginAsync(attacker, forwardedFor: $"203.0.113.{i + 1}"));
        }

        var bystanderStatus = await LoginAsync(bystander, forwardedFor: null);

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(LoginLimit), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(
                statuses[LoginLimit],
                Is.EqualTo(HttpStatusCode.TooManyRequests),
                "the attempt over the limit, counted per the address nginx saw"
            );
            Assert.That(bystanderStatus, Is.EqualTo(HttpStatusCode.Unauthorized), "another client behind the same proxy has its own count");
        });
    }

    [Test, Order(3)]
    public async Task A_forged_X_Forwarded_For_sent_straight_to_a_host_is_not_trusted()
    {
        using var direct = NginxProcess.ClientFrom(_a.BaseAddress, NextAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginLimit; i++)
        {
            statuses.Add(await LoginAsync(direct, forwardedFor: $"198.51.100.{i + 1}"));
        }

        Assert.That(
            statuses,
            Is.EqualTo(Enumerable.Repeat(HttpStatusCode.Unauthorized, LoginLimit).Append(HttpStatusCode.TooManyRequests)),
            "the host is not behind a trusted proxy on this connection, so every attempt counts for the connection's address"
        );
    }

    [Test, Order(4)]
    public async Task Graceful_shutdown_finishes_a_request_in_flight_exits_0_and_loses_no_acknowledged_write()
    {
        var host = _draining;
        var user = await SignUpAsync(host.BaseAddress);
        var (_, projectId) = await user.CreateProjectInNewWorkspaceAsync();

        // A request whose body is half sent when SIGTERM arrives: accepted before the signal, so it must complete.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowHttp = Authorized(host.BaseAddress, user);
        var slow = slowHttp.PostAsync($"projects/{projectId}/tasks", new GatedJson("{\"title\":", "\"In flight at SIGTERM\"}", gate.Task));

        // And a stream of ordinary writes on their own connections.
        var acknowledged = new ConcurrentBag<Guid>();
        var serverErrors = new ConcurrentBag<string>();
        using var streamHttp = Authorized(host.BaseAddress, user);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable
            .Range(0, 3)
            .Select(w =>
                Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        try
                        {
                            using var response = await streamHttp.PostAsJsonAsync(
                                $"projects/{projectId}/tasks",
                                new { title = $"stream {w}-{i}" }
                            );
                            if (response.IsSuccessStatusCode)
                            {
                                acknowledged.Add((await response.Content.ReadFromJsonAsync<IdOnly>())!.Id);
                            }
                            else if ((int)response.StatusCode >= 500)
                            {
                                serverErrors.Add($"{(int)response.StatusCode}");
                            }
                        }
                        catch (HttpRequestException)
                        {
                            // Refused or closed after the host stopped accepting: never acknowledged, so nothing to lose.
                            await Task.Delay(20);
                        }
                    }
                })
            )
            .ToList();

        await Task.Delay(500);
        var exit = host.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(700);
        var stillRunning = !host.HasExited;
        gate.SetResult();
        using var slowResponse = await slow;
        var exitCode = await exit;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var slowBody = await slowResponse.Content.ReadAsStringAsync();
        var stored = await AllTaskIdsAsync(user, projectId);
        Assert.Multiple(() =>
        {
            Assert.That(stillRunning, Is.True, "the host waited for the request in flight");
            Assert.That(slowResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created), slowBody);
            Assert.That(exitCode, Is.Zero, host.Output);
            Assert.That(serverErrors, Is.Empty);
            Assert.That(acknowledged, Is.Not.Empty);
            Assert.That(stored, Is.SupersetOf(acknowledged), "every acknowledged write is stored");
        });
    }

    [Test, Order(5)]
    public async Task One_of_two_workers_stopped_with_SIGTERM_during_a_stream_of_writes_exits_0_and_every_event_is_still_handled()
    {
        var first = _worker;
        var user = await SignUpAsync(_nginx.BaseAddress);
        var (workspaceId, projectId) = await user.CreateProjectInNewWorkspaceAsync();

        var created = new ConcurrentBag<Guid>();
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                created.Add((await user.CreateTaskAsync(projectId, new { title = $"event {i}" })).GetProperty("id").GetGuid());
            }
        });
        while (created.Count < 10 && !writes.IsCompleted)
        {
            await Task.Delay(10);
        }

        var exitCode = await first.StopAsync(TimeSpan.FromSeconds(30));
        await writes;

        var recorded = await ApiClient.EventuallyAsync(
            async () =>
                (await user.GetAsync($"workspaces/{workspaceId}/activity?limit=200"))
                    .GetProperty("items")
                    .EnumerateArray()
                    .Where(a => a.TryGetProperty("taskId", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String)
                    .Select(a => a.GetProperty("taskId").GetGuid())
                    .ToHashSet(),
            ids => ids.IsSupersetOf(created),
            TimeSpan.FromSeconds(30)
        );

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, first.Output);
            Assert.That(recorded, Is.SupersetOf(created), "each TaskCreated was handled, by the stopped worker or the one still running");
        });
    }

    [Test, Order(6)]
    public async Task Killing_one_host_under_load_through_nginx_loses_no_acknowledged_write()
    {
        var user = await SignUpAsync(_nginx.BaseAddress);
        var (_, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        using var http = Authorized(_nginx.BaseAddress, user);

        var acknowledged = new ConcurrentBag<Guid>();
        var failed = 0;
        var attempts = 0;
        var writers = Enumerable
            .Range(0, 4)
            .Select(w =>
                Task.Run(async () =>
                {
                    for (var i = 0; i < 30; i++)
                    {
                        if (Interlocked.Increment(ref attempts) == 40)
                        {
                            _a.Kill(); // SIGKILL mid-load: no shutdown, requests in flight on it are cut off
                        }

                        try
                        {
                            using var response = await http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = $"load {w}-{i}" });
                            if (response.IsSuccessStatusCode)
                            {
                                acknowledged.Add((await response.Content.ReadFromJsonAsync<IdOnly>())!.Id);
                            }
                            else
                            {
                                Interlocked.Increment(ref failed);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                })
            )
            .ToList();
        await Task.WhenAll(writers);

        var stored = await AllTaskIdsAsync(user, projectId);
        Assert.Multiple(() =>
        {
            Assert.That(_a.HasExited, Is.True);
            Assert.That(stored, Is.SupersetOf(acknowledged), "every acknowledged write is stored");
            Assert.That(
                acknowledged,
                Has.Count.GreaterThanOrEqualTo(120 - 8),
                $"nginx moved the load to the surviving host ({failed} failed)"
            );
        });
    }

    [Test]
    public void Malformed_scale_out_settings_stop_the_start_and_are_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Tasklane.Infrastructure.Hosting.ApiHost.Build(
                ["--environment", "Development"],
                b =>
                    b.Configuration.AddInMemoryCollection(
                        new Dictionary<string, string?>
                        {
                            ["ConnectionStrings:Postgres"] = TestEnvironment.Services.PostgresConnectionString,
                            ["ConnectionStrings:Redis"] = "127.0.0.1",
                            ["ConnectionStrings:PostgresReplica"] = "Host=replica;Nonsense=1",
                            ["ForwardedHeaders:KnownProxies"] = "nginx.internal",
                            ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/33",
                            ["ReadDb:ReplicaRetrySeconds"] = "0",
                        }
                    )
            )
        );

        Assert.That(
            error!.Message,
            Does.Contain("'ConnectionStrings:PostgresReplica' is invalid")
                .And.Contain("'ForwardedHeaders:KnownProxies' is invalid")
                .And.Contain("'ForwardedHeaders:KnownNetworks' is invalid")
                .And.Contain("'ReadDb:ReplicaRetrySeconds' is invalid")
        );
    }

    private static string NextAddress() => $"127.0.0.{Interlocked.Increment(ref _nextAddress)}";

    private static async Task<HttpStatusCode> LoginAsync(HttpClient http, string? forwardedFor)
    {
        // A new account each time: only the per-IP count is under test, not the per-account one.
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "guess" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Signs up from a fresh client address, so sign-ups never meet the low login limit these hosts run with.</summary>
    private static Task<ApiClient> SignUpAsync(Uri baseAddress) =>
        ApiClient.SignUpAsync(NginxProcess.ClientFrom(baseAddress, NextAddress()));

    private static HttpClient Authorized(Uri baseAddress, ApiClient user)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseAddress, "/api/v1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return http;
    }

    private async Task<HashSet<Guid>> AllTaskIdsAsync(ApiClient user, Guid projectId)
    {
        using var http = Authorized(_b.BaseAddress, user);
        var ids = new HashSet<Guid>();
        string? after = null;
        do
        {
            var page = await ApiClient.Send(
                http,
                HttpMethod.Get,
                $"projects/{projectId}/tasks?limit=200" + (after is null ? "" : $"&after={after}"),
                null,
                HttpStatusCode.OK
            );
            ids.UnionWith(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            after = page.GetProperty("nextCursor").GetString();
        } while (after is not null);

        return ids;
    }

    private sealed record IdOnly(Guid Id);

    /// <summary>JSON sent in two parts: the second only once <c>gate</c> completes.</summary>
    private sealed class GatedJson : HttpContent
    {
        private readonly string _first;
        private readonly string _second;
        private readonly Task _gate;

        public GatedJson(string first, string second, Task gate)
        {
            (_first, _second, _gate) = (first, second, gate);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_first));
            await stream.FlushAsync();
            await _gate;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_second));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Encoding.UTF8.GetByteCount(_first) + Encoding.UTF8.GetByteCount(_second);
            return true;
        }
    }
}
