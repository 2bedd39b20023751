using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Auth.ConfirmTwoFactor;

public class ConfirmTwoFactorTests
{
    [Test]
    public async Task A_code_from_the_app_enables_it_and_answers_ten_recovery_codes_stored_as_hashes_only()
    {
        var user = await ApiClient.SignUpAsync();

        var (_, recoveryCodes) = await EnableAsync(user);
        var me = await user.GetAsync("me");
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var stored = (
            await db.QueryAsync<string>("select code_hash from two_factor_recovery_codes where user_id = @UserId", new { user.UserId })
        ).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("twoFactorEnabled").GetBoolean(), Is.True);
            Assert.That(recoveryCodes, Has.Length.EqualTo(10).And.Unique);
            Assert.That(recoveryCodes, Has.All.Match("^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$"));
            Assert.That(stored, Has.Count.EqualTo(10));
            Assert.That(stored, Is.EquivalentTo(recoveryCodes.Select(TwoFactorCodes.HashRecoveryCode)));
            Assert.That(stored.Intersect(recoveryCodes), Is.Empty);
        });
    }

    [Test]
    public async Task A_wrong_code_does_not_enable_it()
    {
        var user = await ApiClient.SignUpAsync();
        var secret = (await user.PostAsync("me/two-factor", null, HttpStatusCode.OK)).GetProperty("secret").GetString()!;

        using var response = await user.Http.PostAsJsonAsync("me/two-factor/confirm", new { code = WrongCodeFor(secret) });
        var me = await user.GetAsync("me");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        Assert.That(me.GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Nothing_enrolled_is_nothing_to_confirm()
    {
        var user = await ApiClient.SignUpAsync();

        using var response = await user.Http.PostAsJsonAsync("me/two-factor/confirm", new { code = "123456" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
