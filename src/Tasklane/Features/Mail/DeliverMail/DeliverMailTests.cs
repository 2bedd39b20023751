using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Mail.DeliverMail;

public class DeliverMailTests
{
    private static IServiceProvider Worker => TestEnvironment.Hosts.Worker!.Services;

    /// <summary>A user with a fresh, usable verification token of <paramref name="token"/>, straight in the database.</summary>
    private static async Task<ApiClient> UserWithTokenAsync(string token, DateTime? usedAt = null)
    {
        var user = await ApiClient.SignUpAsync();
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync(
            """
            insert into user_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at)
            values (@hash, @UserId, 'email_verification', now(), now() + interval '1 hour', @usedAt)
            """,
            new
            {
                hash = SessionStore.Hash(token),
                user.UserId,
                usedAt,
            }
        );
        return user;
    }

    private static Task Handle(SendMail message, MailSettings? settings = null) =>
        DeliverMailHandler.Handle(
            message,
            Worker.GetRequiredService<NpgsqlDataSource>(),
            settings is null ? Worker.GetRequiredService<MailSender>() : new MailSender(settings),
            settings ?? Worker.GetRequiredService<MailSettings>(),
            TimeProvider.System,
            CancellationToken.None
        );

    private static async Task<(string Status, int Attempts, string? Error)> DeliveryAsync(Guid mailId)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        return await db.QuerySingleAsync<(string, int, string?)>(
            "select status, attempts, last_error from mail_deliveries where id = @mailId",
            new { mailId }
        );
    }

    [Test]
    public async Task A_mail_handled_twice_is_sent_once_with_text_and_html_and_the_link()
    {
        var token = SessionStore.NewToken();
        var user = await UserWithTokenAsync(token);
        var message = new SendMail(Guid.CreateVersion7(), MailKind.EmailVerification, user.UserId, token);

        await Handle(message);
        await Handle(message);

        var mail = await WaitForMailAsync(user.Email);
        await Task.Delay(300);
        Assert.Multiple(async () =>
        {
            Assert.That(await MailsToAsync(user.Email), Has.Count.EqualTo(1));
            Assert.That(TokenIn(mail, "/verify-email"), Is.EqualTo(token));
            Assert.That(mail.GetProperty("html").GetString(), Does.Contain("href=\"http://tasklane.test/verify-email#token="));
            Assert.That(mail.GetProperty("from")[0].GetProperty("address").GetString(), Is.EqualTo("tasklane@tasklane.test"));
            Assert.That(await DeliveryAsync(message.MailId), Is.EqualTo(("sent", 1, (string?)null)));
        });
    }

    [Test]
    public async Task A_mail_whose_token_was_used_meanwhile_is_skipped()
    {
        var token = SessionStore.NewToken();
        var user = await UserWithTokenAsync(token, usedAt: DateTime.UtcNow);
        var message = new SendMail(Guid.CreateVersion7(), MailKind.EmailVerification, user.UserId, token);

        await Handle(message);

        Assert.Multiple(async () =>
        {
            Assert.That((await DeliveryAsync(message.MailId)).Status, Is.EqualTo("skipped"));
            Assert.That(await MailsToAsync(user.Email), Is.Empty);
        });
    }

    [Test]
    public async Task A_failed_send_releases_its_claim_for_the_retry_and_records_the_error()
    {
        var token = SessionStore.NewToken();
        var user = await UserWithTokenAsync(token);
        var message = new SendMail(Guid.CreateVersion7(), MailKind.EmailVerification, user.UserId, token);
        var unreachable = new MailSettings(
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["Mail:Host"] = "127.0.0.1",
                        ["Mail:Port"] = "9", // discard: nothing listens
                        ["Mail:Security"] = "None",
                        ["Mail:PublicBaseUrl"] = "http://tasklane.test",
                        ["Mail:TimeoutSeconds"] = "5",
                    }
                )
                .Build()
        );

        Assert.That(async () => await Handle(message, unreachable), Throws.Exception);
        var failed = await DeliveryAsync(message.MailId);
        await Handle(message);

        Assert.Multiple(async () =>
        {
            Assert.That(failed.Status, Is.EqualTo("pending"));
            Assert.That(failed.Error, Is.Not.Null.And.Not.Contain(token));
            Assert.That(await DeliveryAsync(message.MailId), Is.EqualTo(("sent", 2, (string?)null)));
            Assert.That(await WaitForMailsAsync(user.Email), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_live_claim_of_another_attempt_makes_this_one_retry_later_and_a_stale_one_is_taken_over()
    {
        var token = SessionStore.NewToken();
        var user = await UserWithTokenAsync(token);
        var message = new SendMail(Guid.CreateVersion7(), MailKind.EmailVerification, user.UserId, token);
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync(
            "insert into mail_deliveries (id, kind, status, attempts, claimed_at, created_at) values (@MailId, @Kind, 'sending', 1, now(), now())",
            message
        );

        Assert.That(async () => await Handle(message), Throws.InstanceOf<MailClaimedElsewhereException>());

        await db.ExecuteAsync("update mail_deliveries set claimed_at = now() - interval '6 minutes' where id = @MailId", message);
        await Handle(message);

        Assert.Multiple(async () =>
        {
            Assert.That((await DeliveryAsync(message.MailId)).Status, Is.EqualTo("sent"));
            Assert.That(await WaitForMailsAsync(user.Email), Has.Count.EqualTo(1));
        });
    }
}
