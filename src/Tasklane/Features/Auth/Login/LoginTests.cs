using System.Net;
using NUnit.Framework;
using StackExchange.Redis;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.Login;

public class LoginTests
{
    [Test]
    public async Task Login_returns_a_token_whose_session_is_stored_under_its_hash_only()
    {
        var client = await ApiClient.SignUpAsync();

        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Services.Configuration["ConnectionStrings:Redis"]!);
        var server = redis.GetServers()[0];
        var keys = server.Keys(pattern: "session:*").Select(k => k.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(client.Token, Has.Length.GreaterThanOrEqualTo(43), "256 random bits");
            Assert.That(keys, Is.Not.Empty);
            Assert.That(keys, Has.None.Contains(client.Token));
        });
    }

    [Test]
    public async Task Login_reports_when_the_session_expires()
    {
        var email = $"exp-{Guid.NewGuid():N}@example.com";
        var http = ApiClient.Anonymous();
        await ApiClient.Send(
            http,
            HttpMethod.Post,
            "auth/register",
            new
            {
                email,
                password = "password-1",
                displayName = "E",
            },
            HttpStatusCode.Accepted
        );

        var login = await ApiClient.Send(
            http,
            HttpMethod.Post,
            "auth/login",
            new { email = email.ToUpperInvariant(), password = "password-1" },
            HttpStatusCode.OK
        );

        Assert.That(login.GetProperty("expiresAt").GetDateTime(), Is.GreaterThan(DateTime.UtcNow.AddDays(1)));
    }

    [Test]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var client = await ApiClient.SignUpAsync();
        var http = ApiClient.Anonymous();

        var wrongPassword = await http.PostAsJsonAsync("auth/login", new { email = client.Email, password = "not the password" });
        var unknownEmail = await http.PostAsJsonAsync(
            "auth/login",
            new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "whatever1" }
        );

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(first.GetProperty("detail").GetString(), Is.EqualTo(second.GetProperty("detail").GetString()));
    }

    [Test]
    public async Task A_wrong_password_answers_the_same_whether_or_not_two_factor_is_on()
    {
        var withTwoFactor = await ApiClient.SignUpAsync();
        await TwoFactorTestKit.EnableAsync(withTwoFactor);
        var without = await ApiClient.SignUpAsync();
        var http = ApiClient.Anonymous();

        using var first = await http.PostAsJsonAsync("auth/login", new { email = withTwoFactor.Email, password = "not the password" });
        using var second = await http.PostAsJsonAsync("auth/login", new { email = without.Email, password = "not the password" });

        var one = await first.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var other = await second.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(one.GetProperty("detail").GetString(), Is.EqualTo(other.GetProperty("detail").GetString()));
        Assert.That(one.TryGetProperty("challenge", out _), Is.False);
    }

    [Test]
    public async Task Guesses_at_one_account_are_limited_per_account_over_every_address_and_host()
    {
        var victim = await ApiClient.SignUpAsync();
        var colleague = await ApiClient.SignUpAsync();
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:LoginAccountPermitsPerWindow"] = "3",
            ["RateLimiting:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        await using var first = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
        await using var second = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);

        // Each guess from another address and alternating hosts: no per-IP count would ever stop these.
        var guesses = new List<HttpStatusCode>();
        foreach (var (hosts, address) in new[] { (first, "127.0.0.201"), (second, "127.0.0.202"), (first, "127.0.0.203") })
        {
            using var http = NginxProcess.ClientFrom(hosts.BaseAddress, address);
            using var response = await http.PostAsJsonAsync("auth/login", new { email = victim.Email, password = "a guess" });
            guesses.Add(response.StatusCode);
        }

        using var fromVictim = NginxProcess.ClientFrom(second.BaseAddress, "127.0.0.204");
        using var limited = await fromVictim.PostAsJsonAsync(
            "auth/login",
            new { email = victim.Email.ToUpperInvariant(), password = "correct horse" }
        );
        using var colleagueLogin = await fromVictim.PostAsJsonAsync(
            "auth/login",
            new { email = colleague.Email, password = "correct horse" }
        );

        Assert.That(guesses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
            Assert.That(
                colleagueLogin.StatusCode,
                Is.EqualTo(HttpStatusCode.OK),
                "another account from the same address is not locked out"
            );
        });
    }
}
