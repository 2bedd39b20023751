using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Auth.ConfirmEmailVerification;

public class ConfirmEmailVerificationTests
{
    private static Task<HttpResponseMessage> ConfirmAsync(string token) =>
        ApiClient.Anonymous().PostAsJsonAsync("auth/email-verification/confirm", new { token });

    [Test]
    public async Task The_mailed_token_verifies_the_address_once_without_signing_in()
    {
        var user = await ApiClient.SignUpAsync();
        var before = await user.GetAsync("me");
        await user.PostAsync("auth/email-verification", null, HttpStatusCode.Accepted);
        var token = TokenIn(await WaitForMailAsync(user.Email), "/verify-email");

        using var first = await ConfirmAsync(token);
        using var second = await ConfirmAsync(token);

        var after = await user.GetAsync("me");
        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("emailVerified").GetBoolean(), Is.False);
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(after.GetProperty("emailVerified").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task An_expired_or_unknown_token_does_not_verify()
    {
        var user = await ApiClient.SignUpAsync();
        await user.PostAsync("auth/email-verification", null, HttpStatusCode.Accepted);
        var token = TokenIn(await WaitForMailAsync(user.Email), "/verify-email");
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update user_tokens set expires_at = now() - interval '1 second' where token_hash = @hash",
                new { hash = SessionStore.Hash(token) }
            );
        }

        using var expired = await ConfirmAsync(token);
        using var unknown = await ConfirmAsync(SessionStore.NewToken());

        await expired.AssertProblemAsync(HttpStatusCode.BadRequest);
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((await user.GetAsync("me")).GetProperty("emailVerified").GetBoolean(), Is.False);
    }
}
