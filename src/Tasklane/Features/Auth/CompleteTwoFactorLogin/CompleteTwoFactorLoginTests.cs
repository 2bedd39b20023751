using System.Net;
using NUnit.Framework;
using StackExchange.Redis;
using Tasklane.Tests.Support;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Auth.CompleteTwoFactorLogin;

public class CompleteTwoFactorLoginTests
{
    [Test]
    public async Task A_password_alone_makes_no_session_and_a_code_completes_the_sign_in()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);
        var sessionsBefore = await SessionCountAsync(user.UserId);

        var login = await LoginAsync(ApiClient.Anonymous(), user.Email);
        var sessionsAfterPassword = await SessionCountAsync(user.UserId);
        var challenge = login.GetProperty("challenge").GetString()!;
        // The confirming code's step is spent; the app's next one is accepted early (one step of drift either side).
        using var completed = await CompleteAsync(ApiClient.Anonymous(), challenge, code: CodeFor(secret, 1));
        var me = await ApiClient.Send(await SignedInAsync(completed), HttpMethod.Get, "me", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(login.GetProperty("twoFactorRequired").GetBoolean(), Is.True);
            Assert.That(login.GetProperty("token").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(challenge, Has.Length.EqualTo(43));
            Assert.That(
                login.GetProperty("challengeExpiresAt").GetDateTime(),
                Is.EqualTo(DateTime.UtcNow.AddMinutes(5)).Within(TimeSpan.FromSeconds(30))
            );
            Assert.That(sessionsAfterPassword, Is.EqualTo(sessionsBefore), "the password alone made no session");
            Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(user.UserId));
        });
    }

    [Test]
    public async Task A_code_is_accepted_once_and_a_challenge_completes_once()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);
        var code = CodeFor(secret, 1);
        var first = await ChallengeAsync(ApiClient.Anonymous(), user.Email);
        var second = await ChallengeAsync(ApiClient.Anonymous(), user.Email);

        using var signedIn = await CompleteAsync(ApiClient.Anonymous(), first, code: code);
        using var reusedCode = await CompleteAsync(ApiClient.Anonymous(), second, code: code);
        await ForgetUsedCodesAsync(user.UserId);
        using var reusedChallenge = await CompleteAsync(ApiClient.Anonymous(), first, code: CodeFor(secret));

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await reusedCode.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await reusedChallenge.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_recovery_code_signs_in_once()
    {
        var user = await ApiClient.SignUpAsync();
        var (_, recoveryCodes) = await EnableAsync(user);

        using var first = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            recoveryCode: recoveryCodes[3].ToUpperInvariant()
        );
        using var again = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            recoveryCode: recoveryCodes[3]
        );
        using var another = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            recoveryCode: recoveryCodes[4].Replace("-", "", StringComparison.Ordinal)
        );

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(another.StatusCode, Is.EqualTo(HttpStatusCode.OK), "typed without dashes, the next code works");
    }

    [Test]
    public async Task An_unknown_or_expired_challenge_is_refused()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);
        var challenge = await ChallengeAsync(ApiClient.Anonymous(), user.Email);

        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Services.Configuration["ConnectionStrings:Redis"]!);
        var lifetime = await redis.GetDatabase().KeyTimeToLiveAsync(ChallengeKey(challenge));
        using var unknown = await CompleteAsync(ApiClient.Anonymous(), challenge[..^2] + "xx", code: CodeFor(secret, 1));
        await redis.GetDatabase().KeyExpireAsync(ChallengeKey(challenge), TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        using var expired = await CompleteAsync(ApiClient.Anonymous(), challenge, code: CodeFor(secret, 1));

        Assert.That(lifetime, Is.InRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5)));
        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await expired.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Five_wrong_codes_end_the_challenge()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);
        var challenge = await ChallengeAsync(ApiClient.Anonymous(), user.Email);

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await CompleteAsync(ApiClient.Anonymous(), challenge, code: WrongCodeFor(secret));
            wrong.Add(response.StatusCode);
        }

        using var right = await CompleteAsync(ApiClient.Anonymous(), challenge, code: CodeFor(secret, 1));

        Assert.That(wrong, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        var problem = await right.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("sign in with the password again"));
    }

    [Test]
    public async Task Codes_tried_are_limited_per_account_over_every_challenge()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);

        // The confirmation counted one; 10 a minute is the default.
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 2; round++)
        {
            var challenge = await ChallengeAsync(ApiClient.Anonymous(), user.Email);
            for (var i = 0; i < 5; i++)
            {
                using var response = await CompleteAsync(ApiClient.Anonymous(), challenge, code: WrongCodeFor(secret));
                answers.Add(response.StatusCode);
            }
        }

        using var limited = await CompleteAsync(
            ApiClient.Anonymous(),
            await ChallengeAsync(ApiClient.Anonymous(), user.Email),
            code: CodeFor(secret, 1)
        );

        Assert.That(answers.Take(9), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(answers.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
    }

    [Test]
    public async Task A_challenge_from_host_A_is_completed_on_host_B()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, _) = await EnableAsync(user);

        var challenge = await ChallengeAsync(TestEnvironment.Hosts.CreateClient(), user.Email);
        using var completed = await CompleteAsync(TestEnvironment.HostB.CreateClient(), challenge, code: CodeFor(secret, 1));
        var onA = await SignedInAsync(completed, TestEnvironment.Hosts);
        var me = await ApiClient.Send(onA, HttpMethod.Get, "me", null, HttpStatusCode.OK);
        using var again = await CompleteAsync(TestEnvironment.Hosts.CreateClient(), challenge, recoveryCode: "0000-0000-0000");

        Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(user.UserId));
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_code_and_a_recovery_code_together_or_neither_is_400()
    {
        var user = await ApiClient.SignUpAsync();
        await EnableAsync(user);
        var challenge = await ChallengeAsync(ApiClient.Anonymous(), user.Email);

        using var both = await CompleteAsync(ApiClient.Anonymous(), challenge, code: "123456", recoveryCode: "aaaa-bbbb-cccc");
        using var neither = await CompleteAsync(ApiClient.Anonymous(), challenge);

        await both.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        await neither.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
    }
}
