using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Auth.RegenerateRecoveryCodes;

public class RegenerateRecoveryCodesTests
{
    [Test]
    public async Task New_codes_for_a_fresh_code_replace_the_old_ones()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, oldCodes) = await EnableAsync(user);

        var code = CodeFor(secret, 1);
        var fresh = await user.PostAsync("me/two-factor/recovery-codes", new { code }, HttpStatusCode.OK);
        using var usedCode = await user.Http.PostAsJsonAsync("me/two-factor/recovery-codes", new { code });
        var newCodes = fresh.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        using var old = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            recoveryCode: oldCodes[1]
        );
        using var @new = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            recoveryCode: newCodes[1]
        );

        await usedCode.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        Assert.That(newCodes, Has.Length.EqualTo(10));
        Assert.That(newCodes.Intersect(oldCodes), Is.Empty);
        await old.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(@new.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Without_two_factor_there_is_nothing_to_regenerate()
    {
        var user = await ApiClient.SignUpAsync();

        using var response = await user.Http.PostAsJsonAsync("me/two-factor/recovery-codes", new { code = "123456" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
    }
}
