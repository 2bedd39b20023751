using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Auth.ConfirmPasswordReset;

public class ConfirmPasswordResetTests
{
    /// <summary>Asks for a reset of <paramref name="user"/>'s password and returns the token from the mail.</summary>
    private static async Task<string> MailedTokenAsync(ApiClient user)
    {
        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/password-reset",
            new { email = user.Email },
            HttpStatusCode.Accepted
        );
        return TokenIn(await WaitForMailAsync(user.Email), "/reset-password");
    }

    private static Task<HttpResponseMessage> ConfirmAsync(string token, string newPassword = "a new password") =>
        ApiClient.Anonymous().PostAsJsonAsync("auth/password-reset/confirm", new { token, newPassword });

    [Test]
    public async Task A_reset_from_the_mailed_link_ends_every_session_on_both_hosts_and_revokes_api_tokens()
    {
        var user = await ApiClient.SignUpAsync();
        var onHostB = user.Via(TestEnvironment.HostB.CreateClient());
        var secondSession = ApiClient.WithBearer(
            (
                await ApiClient.Send(
                    ApiClient.Anonymous(),
                    HttpMethod.Post,
                    "auth/login",
                    new { email = user.Email, password = "correct horse" },
                    HttpStatusCode.OK
                )
            )
                .GetProperty("token")
                .GetString()!
        );
        var apiToken = (await user.PostAsync("me/tokens", new { name = "script" })).GetProperty("token").GetString()!;
        // Both hosts hold the sessions in memory now: the reset must reach their caches too.
        await user.GetAsync("me");
        await onHostB.GetAsync("me");
        await ApiClient.Send(secondSession, HttpMethod.Get, "me", null, HttpStatusCode.OK);
        await ApiClient.Send(ApiClient.WithBearer(apiToken), HttpMethod.Get, "me", null, HttpStatusCode.OK);

        using var confirmed = await ConfirmAsync(await MailedTokenAsync(user));

        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await user.Http.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await onHostB.Http.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await secondSession.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await ApiClient.WithBearer(apiToken).GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var oldPassword = await ApiClient
            .Anonymous()
            .PostAsJsonAsync("auth/login", new { email = user.Email, password = "correct horse" });
        await oldPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var login = await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/login",
            new { email = user.Email, password = "a new password" },
            HttpStatusCode.OK
        );
        var me = await ApiClient.Send(
            ApiClient.WithBearer(login.GetProperty("token").GetString()!),
            HttpMethod.Get,
            "me",
            null,
            HttpStatusCode.OK
        );
        Assert.That(me.GetProperty("emailVerified").GetBoolean(), Is.True, "the reset link came by mail");
    }

    [Test]
    public async Task A_token_works_once()
    {
        var user = await ApiClient.SignUpAsync();
        var token = await MailedTokenAsync(user);

        using var first = await ConfirmAsync(token);
        using var second = await ConfirmAsync(token, "yet another password");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var problem = await second.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("token", out _), Is.True);
        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/login",
            new { email = user.Email, password = "a new password" },
            HttpStatusCode.OK
        );
    }

    [Test]
    public async Task An_expired_token_is_refused_and_changes_nothing()
    {
        var user = await ApiClient.SignUpAsync();
        var token = await MailedTokenAsync(user);
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update user_tokens set expires_at = now() - interval '1 second' where token_hash = @hash",
                new { hash = SessionStore.Hash(token) }
            );
        }

        using var response = await ConfirmAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await user.GetAsync("me"); // the session lives on
    }

    [Test]
    public async Task A_short_password_is_400()
    {
        using var response = await ConfirmAsync(SessionStore.NewToken(), "short");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("newPassword", out _), Is.True);
    }
}
