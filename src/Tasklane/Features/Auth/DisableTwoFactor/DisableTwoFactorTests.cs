using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Auth.DisableTwoFactor;

public class DisableTwoFactorTests
{
    [Test]
    public async Task Disabling_needs_a_fresh_code_and_then_the_password_alone_signs_in()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);

        var code = CodeFor(secret, 1);
        using var signedIn = await CompleteAsync(ApiClient.Anonymous(), await ChallengeAsync(ApiClient.Anonymous(), user.Email), code);

        using var noCode = await user.SendRawAsync(HttpMethod.Delete, "me/two-factor", "{}");
        using var usedCode = await user.SendRawAsync(HttpMethod.Delete, "me/two-factor", $$"""{"code":"{{code}}"}""");
        using var wrongCode = await user.SendRawAsync(HttpMethod.Delete, "me/two-factor", $$"""{"code":"{{WrongCodeFor(secret)}}"}""");
        var stillOn = await LoginAsync(ApiClient.Anonymous(), user.Email);
        await ForgetUsedCodesAsync(user.UserId); // as if the next step had come
        using var disabled = await user.SendRawAsync(HttpMethod.Delete, "me/two-factor", $$"""{"code":"{{CodeFor(secret)}}"}""");
        var login = await LoginAsync(ApiClient.Anonymous(), user.Email);
        var me = await user.GetAsync("me");

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await noCode.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        await usedCode.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        await wrongCode.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        Assert.Multiple(() =>
        {
            Assert.That(stillOn.GetProperty("twoFactorRequired").GetBoolean(), Is.True);
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(login.GetProperty("twoFactorRequired").GetBoolean(), Is.False);
            Assert.That(login.GetProperty("token").GetString(), Is.Not.Null);
            Assert.That(me.GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_recovery_code_disables_it_too()
    {
        var user = await ApiClient.SignUpAsync();
        var (_, recoveryCodes) = await EnableAsync(user);

        using var disabled = await user.SendRawAsync(HttpMethod.Delete, "me/two-factor", $$"""{"recoveryCode":"{{recoveryCodes[0]}}"}""");

        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await user.GetAsync("me")).GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
    }

    [Test]
    public async Task The_owner_of_a_workspace_that_requires_it_cannot_disable_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(owner);
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.PatchAsync($"workspaces/{workspaceId}", new { requireTwoFactor = true });

        using var refused = await owner.SendRawAsync(HttpMethod.Delete, "me/two-factor", $$"""{"code":"{{CodeFor(secret, 1)}}"}""");

        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await owner.GetAsync("me")).GetProperty("twoFactorEnabled").GetBoolean(), Is.True);
    }
}
