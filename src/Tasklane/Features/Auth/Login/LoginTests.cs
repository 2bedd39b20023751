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
        await ApiClient.Send(http, HttpMethod.Post, "auth/register", new { email, password = "password-1", displayName = "E" }, HttpStatusCode.Created);

        var login = await ApiClient.Send(http, HttpMethod.Post, "auth/login", new { email = email.ToUpperInvariant(), password = "password-1" }, HttpStatusCode.OK);

        Assert.That(login.GetProperty("expiresAt").GetDateTime(), Is.GreaterThan(DateTime.UtcNow.AddDays(1)));
    }

    [Test]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var client = await ApiClient.SignUpAsync();
        var http = ApiClient.Anonymous();

        var wrongPassword = await http.PostAsJsonAsync("auth/login", new { email = client.Email, password = "not the password" });
        var unknownEmail = await http.PostAsJsonAsync("auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "whatever1" });

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(first.GetProperty("detail").GetString(), Is.EqualTo(second.GetProperty("detail").GetString()));
    }
}
