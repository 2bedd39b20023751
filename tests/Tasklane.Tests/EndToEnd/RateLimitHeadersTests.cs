using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Tasklane.Infrastructure.Http;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The RateLimit-* headers the OpenAPI document declares: sent, from the shared Redis count, on every counted answer.</summary>
public class RateLimitHeadersTests
{
    private const int Permits = 4;

    // A window far longer than the test, so the count cannot start again halfway through.
    private const int WindowSeconds = 3600;

    [Test]
    public async Task Every_answer_says_where_the_caller_stands_and_the_count_runs_down_across_hosts_to_the_429()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:UserPermitsPerWindow"] = Permits.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:WindowSeconds"] = WindowSeconds.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        await using var first = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        await using var second = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        var user = await ApiClient.SignUpAsync();
        using var a = WithToken(first, user.Token);
        using var b = WithToken(second, user.Token);

        // A success and a client error on each host: every answer counts and every one says so.
        var answers = new List<(HttpStatusCode Status, int Limit, int Remaining, int Reset)>();
        foreach (var (http, path) in new[] { (a, "me"), (b, $"tasks/{Guid.NewGuid()}"), (a, $"tasks/{Guid.NewGuid()}"), (b, "me") })
        {
            using var response = await http.GetAsync(path);
            answers.Add(
                (
                    response.StatusCode,
                    Header(response, RateLimiting.LimitHeader),
                    Header(response, RateLimiting.RemainingHeader),
                    Header(response, RateLimiting.ResetHeader)
                )
            );
        }

        using var limited = await a.GetAsync("me");

        Assert.Multiple(() =>
        {
            Assert.That(
                answers.Select(x => x.Status),
                Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK })
            );
            Assert.That(answers.Select(x => x.Limit), Is.All.EqualTo(Permits));
            Assert.That(answers.Select(x => x.Remaining), Is.EqualTo(new[] { 3, 2, 1, 0 }), "one count for both hosts, in Redis");
            Assert.That(answers.Select(x => x.Reset), Is.All.InRange(1, WindowSeconds));
            Assert.That(answers.Select(x => x.Reset), Is.Ordered.Descending, "the same window's end, coming closer");
        });

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(Header(limited, RateLimiting.LimitHeader), Is.EqualTo(Permits));
            Assert.That(Header(limited, RateLimiting.RemainingHeader), Is.Zero);
            var reset = Header(limited, RateLimiting.ResetHeader);
            Assert.That(reset, Is.InRange(1, WindowSeconds));
            Assert.That(
                limited.Headers.RetryAfter?.Delta?.TotalSeconds,
                Is.EqualTo(reset),
                "Retry-After is the wait until the window resets"
            );
        });
    }

    [Test]
    public async Task Routes_that_are_not_limited_send_no_rate_limit_headers()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        using var health = await http.GetAsync("/health/live");
        using var api = await http.GetAsync("/api/v1/me");

        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health.Headers.Contains(RateLimiting.LimitHeader), Is.False, "health probes are not the API");
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(api.Headers.Contains(RateLimiting.LimitHeader), Is.True, "an unauthenticated API request counts (per IP)");
        });
    }

    private static int Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
            ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
            : throw new AssertionException($"{(int)response.StatusCode} has no {name} header");

    private static HttpClient WithToken(TasklaneHosts hosts, string token)
    {
        var http = hosts.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
