using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Auth.RequestPasswordReset;

public class RequestPasswordResetTests
{
    [Test]
    public async Task A_known_and_an_unknown_address_get_the_same_status_and_body_and_only_the_account_gets_a_mail()
    {
        var user = await ApiClient.SignUpAsync();
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com";
        var http = ApiClient.Anonymous();

        using var known = await http.PostAsJsonAsync("auth/password-reset", new { email = user.Email.ToUpperInvariant() });
        using var unknown = await http.PostAsJsonAsync("auth/password-reset", new { email = nobody });

        var mail = await WaitForMailAsync(user.Email);
        Assert.Multiple(async () =>
        {
            Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(unknown.StatusCode, Is.EqualTo(known.StatusCode));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
            Assert.That(mail.GetProperty("subject").GetString(), Does.Contain("Reset"));
            Assert.That(TokenIn(mail, "/reset-password"), Has.Length.EqualTo(43));
            Assert.That(await MailsToAsync(nobody), Is.Empty);
        });
    }

    [Test]
    public async Task A_known_and_an_unknown_address_take_the_same_time_over_200_tries()
    {
        var http = ApiClient.Anonymous();
        var known = (await ApiClient.SignUpAsync()).Email;
        var run = Guid.NewGuid().ToString("N");

        await ResponseTiming.AssertIndistinguishableAsync(
            _ => http.PostAsJsonAsync("auth/password-reset", new { email = known }),
            i => http.PostAsJsonAsync("auth/password-reset", new { email = $"nobody-{run}-{i}@example.com" })
        );
    }

    [Test]
    public async Task Without_an_email_the_answer_is_400()
    {
        using var response = await ApiClient.Anonymous().PostAsJsonAsync("auth/password-reset", new { });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("email", out _), Is.True);
    }

    [Test]
    public async Task Without_a_mail_server_reset_and_verification_answer_503()
    {
        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Mail:Host"] = "" }
        );
        var user = await ApiClient.SignUpAsync(hosts);
        using var http = hosts.CreateClient();

        using var reset = await http.PostAsJsonAsync("auth/password-reset", new { email = user.Email });
        using var confirm = await http.PostAsJsonAsync("auth/password-reset/confirm", new { token = "x", newPassword = "new password" });
        using var verify = await user.SendRawAsync(HttpMethod.Post, "auth/email-verification");

        var problem = await reset.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        await confirm.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        await verify.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Mail is not configured"));
    }
}
