using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using Wolverine;
using static Tasklane.Features.Mail.MailTestKit;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications;

/// <summary>Notification mail through the run's worker and maildev (see TasklaneHosts for the digest period of tests).</summary>
public class MailNotificationChannelTests
{
    /// <summary>Mail:DigestPeriod in TasklaneHosts (Mail:DigestAt is 0 there).</summary>
    private static readonly TimeSpan DigestPeriod = TimeSpan.FromSeconds(15);

    private static IServiceProvider Worker => TestEnvironment.Hosts.Worker!.Services;

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static string Subject(JsonElement mail) => mail.GetProperty("subject").GetString()!;

    private static string Text(JsonElement mail) => mail.GetProperty("text").GetString()!;

    [Test]
    public void A_day_long_digest_period_runs_from_DigestAt_to_DigestAt_and_goes_out_a_minute_after()
    {
        var day = TimeSpan.FromDays(1);
        var seven = TimeSpan.FromHours(7);
        static DateTime At(int day, int hour, int minute = 0, int second = 0) => new(2030, 1, day, hour, minute, second, DateTimeKind.Utc);

        Assert.Multiple(() =>
        {
            Assert.That(NotificationMail.PeriodStart(At(2, 6, 59, 59), day, seven), Is.EqualTo(At(1, 7)));
            Assert.That(NotificationMail.PeriodStart(At(2, 7), day, seven), Is.EqualTo(At(2, 7)));
            Assert.That(NotificationMail.PeriodStart(At(2, 23, 30), day, seven), Is.EqualTo(At(2, 7)));
            Assert.That(
                NotificationMail.PeriodStart(At(2, 0, 0, 29), TimeSpan.FromSeconds(15), TimeSpan.Zero),
                Is.EqualTo(At(2, 0, 0, 15))
            );
            Assert.That(NotificationMail.DigestSendAt(At(2, 7), day), Is.EqualTo(At(3, 7, 1)));
            Assert.That(
                NotificationMail.DigestSendAt(At(2, 0, 0, 15), TimeSpan.FromSeconds(15)),
                Is.EqualTo(At(2, 0, 0, 30).AddMilliseconds(1500))
            );
        });
    }

    [Test]
    public async Task A_mention_mails_who_mentioned_whom_where_with_the_excerpt_the_task_link_and_one_click_unsubscribe_once()
    {
        var (owner, member, workspaceId, projectId) = await MailTeamAsync(NotificationMail.Immediate);

        var taskId = await MentionAsync(owner, member, projectId);
        var mail = await WaitForMailAsync(member.Email);
        var source = await SourceAsync(mail);

        // The cause delivered again (a redelivered CommentAdded reaches every channel again): no second mail.
        var stored = (await EventuallyOfKindAsync(member, "mention", 1, taskId))[0];
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var sourceId = await db.ExecuteScalarAsync<Guid>("select source_id from notifications where id = @id", new { id = Id(stored) });
        await Worker
            .GetRequiredService<MailNotificationChannel>()
            .DeliverAsync(
                new Notification(
                    Guid.CreateVersion7(),
                    member.UserId,
                    workspaceId,
                    "mention",
                    sourceId,
                    projectId,
                    taskId,
                    null,
                    owner.UserId,
                    "You were mentioned on Launch plan",
                    "again",
                    DateTime.UtcNow
                ),
                CancellationToken.None
            );
        await Task.Delay(1500);

        Assert.Multiple(async () =>
        {
            Assert.That(Subject(mail), Is.EqualTo("Test User mentioned you on \"Launch plan\""));
            Assert.That(Text(mail), Does.Contain($"> @{member.Email} can you check the numbers?"));
            Assert.That(LinkIn(mail, $"/t/{taskId}"), Is.EqualTo($"http://tasklane.test/t/{taskId}"));
            Assert.That(mail.GetProperty("html").GetString(), Does.Contain($"href=\"http://tasklane.test/t/{taskId}\""));
            Assert.That(
                source.Headers["List-Unsubscribe"],
                Does.Match("^<http://tasklane\\.test/api/v1/notification-preferences/unsubscribe/[A-Za-z0-9_-]{43}>$")
            );
            Assert.That(source.Headers["List-Unsubscribe-Post"], Is.EqualTo("List-Unsubscribe=One-Click"));
            Assert.That(
                LinkIn(mail, "/api/v1/notification-preferences/unsubscribe/"),
                Is.EqualTo(source.Headers["List-Unsubscribe"]!.Trim('<', '>'))
            );
            Assert.That(await MailsToAsync(member.Email), Has.Count.EqualTo(1), "one mail, however often its cause is delivered");
            Assert.That(await MailsToAsync(owner.Email), Is.Empty, "nobody is mailed about their own comment");
        });
    }

    [Test]
    public async Task An_assignment_and_its_due_reminder_are_mailed_to_the_assignee()
    {
        var (owner, member, _, projectId) = await MailTeamAsync(NotificationMail.Immediate);

        // Reminders fire at the due date in tests (Reminders:LeadTime 0).
        var taskId = Id(
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Pay the invoice",
                    dueAt = DateTime.UtcNow.AddSeconds(3),
                    assigneeIds = new[] { member.UserId },
                }
            )
        );
        var mails = await WaitForMailsAsync(member.Email, 2, TimeSpan.FromSeconds(40));

        var subjects = mails.Select(Subject).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(subjects, Does.Contain("Test User assigned you to \"Pay the invoice\""));
            Assert.That(
                subjects.Count(s =>
                    s.StartsWith("Reminder: Due ", StringComparison.Ordinal)
                    && s.EndsWith(" UTC: Pay the invoice", StringComparison.Ordinal)
                ),
                Is.EqualTo(1)
            );
            Assert.That(mails.Select(m => LinkIn(m, $"/t/{taskId}")), Has.All.EqualTo($"http://tasklane.test/t/{taskId}"));
        });
    }

    [Test]
    public async Task With_mail_off_a_mention_is_notified_in_the_app_only()
    {
        var (owner, member, _, projectId) = await MailTeamAsync(NotificationMail.Immediate);
        await SetMailAsync(member, NotificationMail.Off);

        var taskId = await MentionAsync(owner, member, projectId);
        await EventuallyOfKindAsync(member, "mention", 1, taskId);
        // The assignment marker comes after the mention through the same worker: by then the mention's mail would be queued.
        await SettleAsync(owner, member, projectId);
        await Task.Delay(1500);

        Assert.That(await MailsToAsync(member.Email), Is.Empty);
    }

    /// <summary>
    /// A period of the tests' digest is 15 s. Both notifications must be recorded in one period: a round that straddles a
    /// boundary (a slow worker) is tried again with new users.
    /// </summary>
    [Test]
    public async Task A_digest_gathers_its_periods_notifications_into_one_mail_sent_once()
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        for (var round = 1; ; round++)
        {
            var (owner, member, _, projectId) = await MailTeamAsync(NotificationMail.Digest);
            var now = DateTime.UtcNow;
            var start = NotificationMail.PeriodStart(now, DigestPeriod, TimeSpan.Zero);
            if (now - start > TimeSpan.FromSeconds(3))
            {
                await Task.Delay(start + DigestPeriod - now + TimeSpan.FromMilliseconds(200));
            }

            var mentioned = await MentionAsync(owner, member, projectId, "Digest mention");
            var assigned = Id(
                await owner.CreateTaskAsync(projectId, new { title = "Digest assignment", assigneeIds = new[] { member.UserId } })
            );
            var digests = await ApiClient.EventuallyAsync(
                async () =>
                    (
                        await db.QueryAsync<Guid>("select mail_id from notification_mails where user_id = @UserId", new { member.UserId })
                    ).ToList(),
                rows => rows.Count == 2,
                TimeSpan.FromSeconds(30)
            );
            Assert.That(digests, Has.Count.EqualTo(2), "both notifications were recorded for the digest");
            if (digests.Distinct().Count() > 1 && round < 3)
            {
                continue; // the two fell in two periods
            }

            var sendAt = NotificationMail.DigestSendAt(
                await db.ExecuteScalarAsync<DateTime>(
                    "select period_start from notification_digests where user_id = @UserId",
                    new { member.UserId }
                ),
                DigestPeriod
            );
            var earlyAt = DateTime.UtcNow;
            var early = await MailsToAsync(member.Email);
            var mail = (await WaitForMailsAsync(member.Email, 1, DigestPeriod * 3))[0];
            var source = await SourceAsync(mail);
            // The digest's message handled again (a redelivery, or a second scheduled copy): nothing more is sent.
            await using (var scope = Worker.CreateAsyncScope())
            {
                await scope
                    .ServiceProvider.GetRequiredService<IMessageBus>()
                    .InvokeAsync(new SendMail(digests[0], MailKind.Digest, digests[0], SessionStore.NewToken()));
            }

            await Task.Delay(1500);

            Assert.Multiple(async () =>
            {
                Assert.That(digests.Distinct().Count(), Is.EqualTo(1), "both in one period (after three rounds)");
                Assert.That(early.Count == 0 || earlyAt >= sendAt, Is.True, "nothing before the period ends");
                Assert.That(Subject(mail), Is.EqualTo("Your Tasklane digest: 2 notifications"));
                Assert.That(Text(mail), Does.Contain("Test User mentioned you on \"Digest mention\"."));
                Assert.That(Text(mail), Does.Contain("Test User assigned you to \"Digest assignment\"."));
                Assert.That(
                    Text(mail),
                    Does.Contain($"http://tasklane.test/t/{mentioned}").And.Contain($"http://tasklane.test/t/{assigned}")
                );
                Assert.That(Text(mail), Does.Contain("can you check the numbers?"), "the mention's excerpt");
                Assert.That(source.Headers["List-Unsubscribe-Post"], Is.EqualTo("List-Unsubscribe=One-Click"));
                Assert.That(await MailsToAsync(member.Email), Has.Count.EqualTo(1), "one digest per period");
                Assert.That(
                    await db.ExecuteScalarAsync<string>("select status from mail_deliveries where id = @id", new { id = digests[0] }),
                    Is.EqualTo("sent")
                );
            });
            return;
        }
    }

    /// <summary>
    /// Issue 18: "a mention produces one mail, and one only, even when the worker is SIGKILLed while sending". The worker is a
    /// process of its own on its own database; its SMTP server is a proxy in front of maildev that holds every connection
    /// until told to pass them on, so the kill comes while the mail is claimed and its SMTP conversation is under way. The
    /// restarted worker takes the stale claim over (Mail:ClaimTakeoverSeconds, 10 s here) and sends the mail once.
    /// </summary>
    [Test]
    public async Task A_mention_is_mailed_once_when_the_worker_is_SIGKILLed_while_sending_it()
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        await using var smtp = new HoldingProxy(int.Parse(services.Configuration["Mail:Port"]!, CultureInfo.InvariantCulture));
        var owner = await ApiClient.SignUpAsync(hosts);
        var member = await ApiClient.SignUpAsync(hosts);
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        await db.ExecuteAsync(
            "insert into workspace_members (workspace_id, user_id, role, joined_at) values (@workspaceId, @UserId, 'member', now())",
            new { workspaceId, member.UserId }
        );
        await SetMailAsync(member, NotificationMail.Immediate);
        await using var worker = await HostProcess.StartWorkerAsync(
            services,
            new Dictionary<string, string?>
            {
                ["Mail:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Mail:PublicBaseUrl"] = "http://tasklane.test",
                ["Mail:From"] = "Tasklane <tasklane@tasklane.test>",
                ["Mail:ClaimTakeoverSeconds"] = "10",
                ["Mail:TimeoutSeconds"] = "60",
            }
        );

        var taskId = await MentionAsync(owner, member, projectId);
        var claimed = await ApiClient.EventuallyAsync(
            () => db.QueryFirstOrDefaultAsync<Delivery>("select id, status from mail_deliveries where kind = 'notification'"),
            row => row is { Status: "sending" } && smtp.Held > 0,
            TimeSpan.FromSeconds(60)
        );
        Assert.That(
            claimed?.Status,
            Is.EqualTo("sending"),
            "the worker claimed the mail and is talking to the SMTP server: " + worker.Output
        );
        worker.Kill();
        smtp.PassOn();
        await worker.RestartAsync();

        var mails = await WaitForMailsAsync(member.Email, 1, TimeSpan.FromSeconds(150));
        await Task.Delay(3000);
        var delivery = await db.QuerySingleAsync<(string Status, int Attempts)>(
            "select status, attempts from mail_deliveries where id = @Id",
            new { claimed!.Id }
        );

        Assert.Multiple(async () =>
        {
            Assert.That(await MailsToAsync(member.Email), Has.Count.EqualTo(1), "one mail: " + worker.Output);
            Assert.That(Subject(mails[0]), Is.EqualTo("Test User mentioned you on \"Launch plan\""));
            Assert.That(LinkIn(mails[0], $"/t/{taskId}"), Is.EqualTo($"http://tasklane.test/t/{taskId}"));
            Assert.That(delivery.Status, Is.EqualTo("sent"));
            Assert.That(delivery.Attempts, Is.GreaterThanOrEqualTo(2), "the killed attempt, then the one that took its claim over");
        });
    }

    private sealed record Delivery(Guid Id, string Status);

    /// <summary>
    /// A TCP proxy for an SMTP server that holds every connection it accepts (never answers) until <see cref="PassOn"/>;
    /// after that, new connections go through to <c>127.0.0.1:target</c>.
    /// </summary>
    private sealed class HoldingProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly int _target;
        private volatile bool _passOn;

        public HoldingProxy(int target)
        {
            _target = target;
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Held
        {
            get
            {
                lock (_held)
                {
                    return _held.Count;
                }
            }
        }

        public void PassOn() => _passOn = true;

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                if (_passOn)
                {
                    _ = PipeAsync(client);
                }
                else
                {
                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
            }
        }

        private async Task PipeAsync(TcpClient client)
        {
            using var server = new TcpClient();
            using (client)
            {
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                    var (a, b) = (client.GetStream(), server.GetStream());
                    await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException) { }
            }
        }

        public ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
