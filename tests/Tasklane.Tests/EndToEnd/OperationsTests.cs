using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;
using StackExchange.Redis;
using Tasklane.Infrastructure.Configuration;
using Tasklane.Infrastructure.Hosting;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Rate limits, idempotency keys, settings validation, /metrics, and the API with Redis and S3 down.</summary>
public class OperationsTests
{
    [Test]
    public async Task Login_brute_force_from_one_IP_gets_429_with_Retry_After_and_the_count_is_shared_by_hosts()
    {
        var settings = LoginLimitPerIp(5);
        await using var first = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        await using var second = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        using var a = first.CreateClient();
        using var b = second.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var http in new[] { a, b, a, b, a })
        {
            using var response = await http.SendAsync(LoginAttempt());
            statuses.Add(response.StatusCode);
        }

        using var limited = await b.SendAsync(LoginAttempt());
        using var limitedOnFirst = await a.SendAsync(LoginAttempt());

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized), "five attempts over two hosts are within the limit");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
            Assert.That(limitedOnFirst.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task With_no_proxy_configured_a_forged_X_Forwarded_For_does_not_escape_the_login_limit()
    {
        // The default configuration (./run.sh): no ForwardedHeaders settings, so no address but the TCP peer counts.
        await using var hosts = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: LoginLimitPerIp(3));
        using var http = hosts.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var request = LoginAttempt();
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.That(
            statuses,
            Is.EqualTo(
                new[]
                {
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.TooManyRequests,
                }
            ),
            "a new forged address per attempt would reset the count if the host believed it"
        );
    }

    [Test]
    public async Task A_bearer_token_does_not_move_login_out_of_the_per_IP_limit()
    {
        var someone = await ApiClient.SignUpAsync();
        await using var hosts = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: LoginLimitPerIp(3));
        using var http = hosts.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", someone.Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = LoginAttempt();
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.That(
            statuses,
            Is.EqualTo(
                new[]
                {
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.Unauthorized,
                    HttpStatusCode.TooManyRequests,
                }
            ),
            "any valid token would otherwise buy the per-user allowance for password guesses"
        );
    }

    [Test]
    public async Task Colleagues_behind_one_office_address_all_sign_in_with_the_default_limits()
    {
        var colleagues = new List<ApiClient>();
        for (var i = 0; i < 25; i++)
        {
            colleagues.Add(await ApiClient.SignUpAsync());
        }

        // The defaults rather than the suite's raised ones; own key prefix, as other tests sign in from 127.0.0.1 too.
        var defaults = new RateLimiting.Settings();
        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?>
            {
                ["RateLimiting:AnonymousPermitsPerWindow"] = Text(defaults.AnonymousPermitsPerWindow),
                ["RateLimiting:LoginIpPermitsPerWindow"] = Text(defaults.LoginIpPermitsPerWindow),
                ["RateLimiting:LoginAccountPermitsPerWindow"] = Text(defaults.LoginAccountPermitsPerWindow),
                ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
            }
        );
        using var office = hosts.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var colleague in colleagues)
        {
            using var response = await office.PostAsJsonAsync("auth/login", new { email = colleague.Email, password = "correct horse" });
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Registration_keeps_its_own_per_IP_limit()
    {
        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?>
            {
                ["RateLimiting:AnonymousPermitsPerWindow"] = "2",
                ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
            }
        );
        using var http = hosts.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync(
                "auth/register",
                new
                {
                    email = $"burst-{Guid.NewGuid():N}@example.com",
                    password = "password-1",
                    displayName = "Burst",
                }
            );
            statuses.Add(response.StatusCode);
        }

        using var login = await http.SendAsync(LoginAttempt());

        Assert.Multiple(() =>
        {
            Assert.That(statuses[2], Is.EqualTo(HttpStatusCode.TooManyRequests), string.Join(", ", statuses));
            Assert.That(statuses.Take(2), Has.None.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "login from that address has its own, higher count");
        });
    }

    [Test]
    public async Task Authenticated_requests_are_limited_per_user_not_per_IP()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:UserPermitsPerWindow"] = "3",
            ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        await using var hosts = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        var ann = await ApiClient.SignUpAsync();
        var bob = await ApiClient.SignUpAsync();
        using var annHttp = WithToken(hosts, ann.Token);
        using var bobHttp = WithToken(hosts, bob.Token);

        var annStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await annHttp.GetAsync("me");
            annStatuses.Add(response.StatusCode);
        }

        using var bobResponse = await bobHttp.GetAsync("me");

        Assert.Multiple(() =>
        {
            Assert.That(
                annStatuses,
                Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests })
            );
            Assert.That(bobResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another user from the same IP has their own count");
        });
    }

    [Test]
    public async Task A_retried_create_with_the_same_Idempotency_Key_returns_the_first_task()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(client, $"projects/{projectId}/tasks", """{"title":"Once"}""", key);
        using var retry = await PostWithKeyAsync(client, $"projects/{projectId}/tasks", """{"title":"Once"}""", key);
        var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var retryBody = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement;
        var list = await client.GetAsync($"projects/{projectId}/tasks");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retryBody.GetProperty("id").GetGuid(), Is.EqualTo(firstBody.GetProperty("id").GetGuid()));
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.True);
            Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "one task, not two");
        });
    }

    [Test]
    public async Task The_same_Idempotency_Key_with_another_body_is_422_and_keys_are_per_user()
    {
        var client = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.AddMemberAsync(workspaceId, other);
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(client, $"projects/{projectId}/tasks", """{"title":"One"}""", key);
        using var changed = await PostWithKeyAsync(client, $"projects/{projectId}/tasks", """{"title":"Two"}""", key);
        using var otherUser = await PostWithKeyAsync(other, $"projects/{projectId}/tasks", """{"title":"One"}""", key);
        using var tooLong = await PostWithKeyAsync(client, $"projects/{projectId}/tasks", """{"title":"One"}""", new string('k', 256));
        // A client that accepts no JSON (an EventSource) gets the same answer, not a server error.
        using var tooLongForAStream = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            """{"title":"One"}""",
            r =>
            {
                r.Headers.Add("Idempotency-Key", new string('k', 256));
                r.Headers.Accept.ParseAdd("text/event-stream");
            }
        );
        var list = await client.GetAsync($"projects/{projectId}/tasks");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await changed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.That(tooLongForAStream.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.Multiple(() =>
        {
            Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another user's key of the same value is theirs");
            Assert.That(otherUser.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [TestCase("webhook")]
    [TestCase("API token")]
    [TestCase("invitation")]
    [TestCase("login")]
    [TestCase("attachment upload URL")]
    public async Task An_answer_with_a_secret_is_never_replayed_nor_kept_in_Redis(string secret)
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var (path, json, field) = secret switch
        {
            "webhook" => (
                $"workspaces/{workspaceId}/webhooks",
                """{"url":"http://127.0.0.1:9/hook","events":["*"],"enabled":false}""",
                "secret"
            ),
            "API token" => ("me/tokens", """{"name":"ci"}""", "token"),
            "invitation" => (
                $"workspaces/{workspaceId}/invitations",
                $$"""{"email":"invitee-{{Guid.NewGuid():N}}@example.com"}""",
                "token"
            ),
            // Signed in already, so the key applies: a new session token is a secret too.
            "login" => ("auth/login", $$"""{"email":"{{client.Email}}","password":"correct horse"}""", "token"),
            "attachment upload URL" => (
                $"tasks/{taskId}/attachments",
                """{"fileName":"a.txt","contentType":"text/plain","size":5}""",
                "uploadUrl"
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(secret)),
        };
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithKeyAsync(client, path, json, key);
        using var retry = await PostWithKeyAsync(client, path, json, key);
        var firstSecret = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty(field).GetString();
        var retrySecret = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty(field).GetString();
        var kept = await IdempotencyStoreAsync(client.UserId);

        Assert.Multiple(() =>
        {
            Assert.That(first.IsSuccessStatusCode, Is.True);
            Assert.That(retry.StatusCode, Is.EqualTo(first.StatusCode));
            Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "not replayed from the store");
            Assert.That(retrySecret, Is.Not.EqualTo(firstSecret), "the retry ran again and answered a secret of its own");
            Assert.That(kept, Has.None.Contain(firstSecret).And.None.Contain(retrySecret), "Redis holds no copy of the secret");
        });
    }

    [Test]
    public void A_host_with_missing_settings_refuses_to_start_and_names_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ApiHost.Build(
                ["--environment", "Development"],
                b =>
                    b.Configuration.AddInMemoryCollection(
                        new Dictionary<string, string?>
                        {
                            ["ConnectionStrings:Postgres"] = TestEnvironment.Services.PostgresConnectionString,
                            ["ConnectionStrings:Redis"] = "",
                            ["Storage:Bucket"] = "",
                            ["RateLimiting:UserPermitsPerWindow"] = "many",
                            ["RateLimiting:LoginAccountPermitsPerWindow"] = "0",
                        }
                    )
            )
        );

        Assert.That(
            error!.Message,
            Does.Contain("'ConnectionStrings:Redis' is missing (environment variable ConnectionStrings__Redis)")
                .And.Contain("'Storage:Bucket' is invalid")
                .And.Contain("'RateLimiting:UserPermitsPerWindow' is invalid")
                .And.Contain("'RateLimiting:LoginAccountPermitsPerWindow' is invalid")
                .And.Not.Contain("ConnectionStrings:Postgres")
        );
    }

    [Test]
    public void Storage_settings_that_would_make_presigned_urls_longer_than_documented_refuse_to_start()
    {
        static IConfiguration Settings(string publicUrl) =>
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=tasklane",
                        ["ConnectionStrings:Redis"] = "127.0.0.1",
                        ["Storage:ServiceUrl"] = "http://minio:9000",
                        ["Storage:PublicServiceUrl"] = publicUrl,
                    }
                )
                .Build();

        var error = Assert.Throws<InvalidOperationException>(() =>
            SettingsValidator.Validate(Settings("https://files.example.com/" + new string('p', 3000)))
        );

        Assert.That(
            error!.Message,
            Does.Contain(
                    "'Storage:PublicServiceUrl' (or 'Storage:ServiceUrl'), 'Storage:Bucket' and 'Storage:AccessKey' are too long together"
                )
                .And.Contain($"more than the {ObjectStore.PresignedUrlMax} the API documents")
        );
        Assert.DoesNotThrow(() => SettingsValidator.Validate(Settings("http://localhost:9000")));
    }

    [Test]
    public async Task Metrics_are_served_in_Prometheus_format_only_when_enabled()
    {
        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" }
        );
        using var enabled = new HttpClient { BaseAddress = hosts.BaseAddress };
        using var disabled = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        (await enabled.GetAsync("/health/ready")).Dispose();
        (await enabled.GetAsync("/api/v1/me")).Dispose();

        using var metrics = await enabled.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        using var absent = await disabled.GetAsync("/metrics");

        Assert.Multiple(() =>
        {
            Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(
                metrics.Content.Headers.ContentType?.MediaType,
                Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text")
            );
            Assert.That(text, Does.Contain("# TYPE http_server_request_duration_seconds histogram"));
            Assert.That(absent.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task With_Redis_and_the_object_store_down_sessions_fail_closed_with_503_and_the_host_stays_ready()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var apiToken = (await client.PostAsync("me/tokens", new { name = "outage" })).GetProperty("token").GetString()!;
        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?>
            {
                // Closed ports; short timeouts keep the test fast.
                ["ConnectionStrings:Redis"] =
                    $"127.0.0.1:{ClosedPort()},connectTimeout=300,syncTimeout=500,asyncTimeout=500,connectRetry=0",
                ["Storage:ServiceUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            }
        );
        using var session = WithToken(hosts, client.Token);
        using var pat = WithToken(hosts, apiToken);
        using var probe = new HttpClient { BaseAddress = hosts.BaseAddress };

        using var sessionRequest = await session.GetAsync("me");
        using var patRead = await pat.GetAsync($"projects/{projectId}/tasks");
        using var patCachedRead = await pat.GetAsync($"tasks/{taskId}");
        using var patWrite = await pat.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"projects/{projectId}/tasks")
            {
                Content = JsonContent.Create(new { title = "Written while Redis is down" }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            }
        );
        using var ready = await probe.GetAsync("/health/ready");
        using var live = await probe.GetAsync("/health/live");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        var problem = await sessionRequest.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Not.Contain(client.Token));
            Assert.That(patRead.StatusCode, Is.EqualTo(HttpStatusCode.OK), "API tokens live in Postgres: reads keep working");
            Assert.That(patCachedRead.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the hot-record cache falls back to Postgres");
            Assert.That(
                patWrite.StatusCode,
                Is.EqualTo(HttpStatusCode.Created),
                "writes keep working; rate limit and idempotency fail open"
            );
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), report.ToString());
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(report.GetProperty("checks").GetProperty("object-store").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(report.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        });
    }

    private static HttpClient WithToken(TasklaneHosts hosts, string token)
    {
        var http = hosts.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(ApiClient client, string path, string json, string key) =>
        client.SendRawAsync(HttpMethod.Post, path, json, r => r.Headers.Add("Idempotency-Key", key));

    /// <summary>
    /// Every text the idempotency store holds for the user: each value, and the answer body inside it decoded (it is
    /// kept as base64) down to its JSON strings, so an escaped character cannot hide a secret from the search.
    /// </summary>
    private static async Task<List<string>> IdempotencyStoreAsync(Guid userId)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Services.Configuration["ConnectionStrings:Redis"]!);
        var db = redis.GetDatabase();
        var texts = new List<string>();
        foreach (var key in redis.GetServers()[0].Keys(pattern: $"idempotency:{userId}:*"))
        {
            if ((string?)await db.StringGetAsync(key) is not { } value)
            {
                continue;
            }

            texts.Add(value);
            if (
                JsonDocument.Parse(value).RootElement.TryGetProperty("Body", out var body)
                && body.GetBytesFromBase64() is { Length: > 0 } bytes
            )
            {
                texts.Add(Encoding.UTF8.GetString(bytes));
                texts.AddRange(StringsIn(JsonDocument.Parse(bytes).RootElement));
            }
        }

        return texts;
    }

    private static IEnumerable<string> StringsIn(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringsIn(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
            JsonValueKind.String => [element.GetString()!],
            _ => [],
        };

    /// <summary>
    /// Settings for hosts whose login allows <paramref name="permits"/> attempts per client IP, counted under their own key prefix.
    /// </summary>
    private static Dictionary<string, string?> LoginLimitPerIp(int permits) =>
        new()
        {
            ["RateLimiting:LoginIpPermitsPerWindow"] = Text(permits),
            ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
        };

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A wrong login for a new address each time, so only the per-IP count can stop it.</summary>
    private static HttpRequestMessage LoginAttempt() =>
        new(HttpMethod.Post, "auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "guess" }),
        };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
