using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Infrastructure.Hosting;
using Tasklane.Infrastructure.Retention;
using Tasklane.Infrastructure.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The worker's retention purge: what is past its retention goes, everything else stays.</summary>
public class RetentionTests
{
    [Test]
    public async Task A_purge_deletes_only_what_is_past_its_retention_and_a_second_one_finds_nothing_more()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset DaysAgo(int days) => now.AddDays(-days);
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);

        // Activity: 365 days by default.
        var activity = new[] { DaysAgo(400), DaysAgo(300), now }.Select(at => (Id: Guid.CreateVersion7(at), At: at)).ToArray();
        foreach (var (id, at) in activity)
        {
            await db.ExecuteAsync(
                "insert into activity (id, workspace_id, actor_id, kind, data, occurred_at) values (@id, @workspaceId, @actorId, 'test.entry', '{}', @at)",
                new
                {
                    id,
                    workspaceId,
                    actorId = owner.UserId,
                    at,
                }
            );
        }

        // Notifications: read ones 90 days after they were read; unread ones never.
        var notifications = new (DateTimeOffset Created, DateTimeOffset? Read)[]
        {
            (DaysAgo(120), DaysAgo(100)),
            (DaysAgo(120), DaysAgo(10)),
            (DaysAgo(400), null),
        }
            .Select(n => (Id: Guid.CreateVersion7(n.Created), n.Created, n.Read))
            .ToArray();
        foreach (var (id, created, read) in notifications)
        {
            await db.ExecuteAsync(
                """
                insert into notifications (id, user_id, workspace_id, kind, source_id, title, created_at, read_at)
                values (@id, @userId, @workspaceId, 'mention', @id, 'Old news', @created, @read)
                """,
                new
                {
                    id,
                    userId = owner.UserId,
                    workspaceId,
                    created,
                    read,
                }
            );
        }

        // Webhook deliveries, with their attempts: 30 days after their last change, unless still pending.
        var webhookId = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            insert into webhooks (id, workspace_id, url, events, secret, created_by, created_at, updated_at)
            values (@webhookId, @workspaceId, 'https://example.com/hook', array['*'], 'whsec_retention_test_secret', @userId, now(), now())
            """,
            new
            {
                webhookId,
                workspaceId,
                userId = owner.UserId,
            }
        );
        var deliveries = new[] { ("delivered", DaysAgo(40)), ("dead", DaysAgo(35)), ("pending", DaysAgo(40)), ("delivered", DaysAgo(5)) }
            .Select(d => (Id: Guid.CreateVersion7(d.Item2.AddHours(-1)), Status: d.Item1, Updated: d.Item2))
            .ToArray();
        foreach (var (id, status, updated) in deliveries)
        {
            await db.ExecuteAsync(
                """
                insert into webhook_deliveries (id, webhook_id, event_id, event, payload, status, attempts, created_at, updated_at)
                values (@id, @webhookId, @id, 'task.created', '{}', @status, 1, @updated - interval '1 hour', @updated);
                insert into webhook_delivery_attempts (delivery_id, number, attempted_at, duration_ms, status_code)
                values (@id, 1, @updated, 12, 500);
                """,
                new
                {
                    id,
                    webhookId,
                    status,
                    updated,
                }
            );
        }

        // Mail deliveries 30 days after the mail was queued; mailed tokens 30 days after they expired.
        var mails = new[] { DaysAgo(40), DaysAgo(5) }.Select(at => (Id: Guid.CreateVersion7(at), At: at)).ToArray();
        foreach (var (id, at) in mails)
        {
            await db.ExecuteAsync(
                "insert into mail_deliveries (id, kind, status, attempts, created_at) values (@id, 'invitation', 'sent', 1, @at)",
                new { id, at }
            );
        }

        var tokens = new[] { DaysAgo(40), DaysAgo(5) }.Select(at => (Hash: Guid.NewGuid().ToString("N"), At: at)).ToArray();
        foreach (var (hash, at) in tokens)
        {
            await db.ExecuteAsync(
                """
                insert into user_tokens (token_hash, user_id, purpose, created_at, expires_at)
                values (@hash, @userId, 'password_reset', @at - interval '1 hour', @at)
                """,
                new
                {
                    hash,
                    userId = owner.UserId,
                    at,
                }
            );
        }

        // Dead letters: 30 days after they failed, unless marked for replay. In a schema of their own, as a later messaging
        // layout might add: the purge finds every wolverine_dead_letters table, and Wolverine, which does not know this
        // one, cannot move the row marked for replay back to its inbox meanwhile.
        var schema = $"retention_test_{Guid.NewGuid():N}";
        await db.ExecuteAsync(
            $"create schema {schema}; create table {schema}.wolverine_dead_letters (like wolverine_worker.wolverine_dead_letters including all)"
        );
        var deadLetters = new[] { (DaysAgo(40), false), (DaysAgo(40), true), (now, false) }
            .Select(d => (Id: Guid.NewGuid(), Failed: d.Item1, Replayable: d.Item2))
            .ToArray();
        foreach (var (id, failed, replayable) in deadLetters)
        {
            await db.ExecuteAsync(
                $"""
                insert into {schema}.wolverine_dead_letters (id, body, message_type, received_at, sent_at, failed_at, replayable)
                values (@id, '\x00'::bytea, 'RetentionTests', 'test', @failed, @failed, @replayable)
                """,
                new
                {
                    id,
                    failed,
                    replayable,
                }
            );
        }

        var purge = TestEnvironment.Hosts.Worker!.Services.GetRequiredService<RetentionPurge>();
        var first = await purge.PurgeAsync(CancellationToken.None);
        var second = await purge.PurgeAsync(CancellationToken.None);
        var deadLettersLeft = (await db.QueryAsync<Guid>($"select id from {schema}.wolverine_dead_letters")).Order().ToArray();
        await db.ExecuteAsync($"drop schema {schema} cascade");

        async Task<Guid[]> Left(string sql, IEnumerable<Guid> ids) =>
            (await db.QueryAsync<Guid>(sql, new { ids = ids.ToArray() })).Order().ToArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(
                await Left("select id from activity where id = any (@ids)", activity.Select(a => a.Id)),
                Is.EqualTo(activity[1..].Select(a => a.Id).Order()),
                "activity older than 365 days goes"
            );
            Assert.That(
                await Left("select id from notifications where id = any (@ids)", notifications.Select(n => n.Id)),
                Is.EqualTo(notifications[1..].Select(n => n.Id).Order()),
                "read over 90 days ago goes; recently read and unread stay"
            );
            Assert.That(
                await Left("select id from webhook_deliveries where id = any (@ids)", deliveries.Select(d => d.Id)),
                Is.EqualTo(deliveries[2..].Select(d => d.Id).Order()),
                "finished deliveries older than 30 days go; pending and recent stay"
            );
            Assert.That(
                await Left(
                    "select delivery_id from webhook_delivery_attempts where delivery_id = any (@ids)",
                    deliveries.Select(d => d.Id)
                ),
                Is.EqualTo(deliveries[2..].Select(d => d.Id).Order()),
                "attempts go with their delivery"
            );
            Assert.That(
                await Left("select id from mail_deliveries where id = any (@ids)", mails.Select(m => m.Id)),
                Is.EqualTo(new[] { mails[1].Id }),
                "mail deliveries queued over 30 days ago go"
            );
            Assert.That(
                await db.QueryAsync<string>(
                    "select token_hash from user_tokens where token_hash = any (@hashes)",
                    new { hashes = tokens.Select(t => t.Hash).ToArray() }
                ),
                Is.EqualTo(new[] { tokens[1].Hash }),
                "mailed tokens expired over 30 days ago go"
            );
            Assert.That(
                deadLettersLeft,
                Is.EqualTo(deadLetters[1..].Select(d => d.Id).Order()),
                "dead letters older than 30 days go, unless marked for replay"
            );
            Assert.That(
                first.Select(r => r.Table),
                Does.Contain("wolverine_worker.wolverine_dead_letters").And.Contain($"{schema}.wolverine_dead_letters")
            );
            Assert.That(
                first.Where(r => r.Table is "activity" or "notifications" or "webhook_deliveries").Select(r => r.Rows),
                Is.All.GreaterThanOrEqualTo(1)
            );
            Assert.That(second.Sum(r => r.Rows), Is.Zero, "nothing is deleted twice");
        });
    }

    /// <summary>Alone: it empties the whole trash, and other tests hold tasks in it past 30 days on purpose.</summary>
    [Test]
    [NonParallelizable]
    public async Task The_trash_is_emptied_of_what_is_older_than_30_days_objects_first_even_after_a_purge_that_died_half_way()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var expired = (await owner.CreateTaskAsync(projectId, new { title = "Expired" })).GetProperty("id").GetGuid();
        var child = (await owner.CreateTaskAsync(projectId, new { title = "Its child", parentId = expired })).GetProperty("id").GetGuid();
        var halfPurged = (await owner.CreateTaskAsync(projectId, new { title = "Its object already gone" })).GetProperty("id").GetGuid();
        var recent = (await owner.CreateTaskAsync(projectId, new { title = "Recent" })).GetProperty("id").GetGuid();
        var live = (await owner.CreateTaskAsync(projectId, new { title = "Live" })).GetProperty("id").GetGuid();
        var attachments = new Dictionary<Guid, Guid>();
        foreach (var taskId in new[] { expired, halfPurged, recent, live })
        {
            attachments[taskId] = await AttachmentTestKit.AttachAsync(owner, taskId, AttachmentTestKit.RandomBytes(100));
        }

        await owner.PostAsync($"tasks/{expired}/comments", new { body = "Goes with it" });
        var oldComment = (await owner.PostAsync($"tasks/{live}/comments", new { body = "Deleted long ago" })).GetProperty("id").GetGuid();
        var newComment = (await owner.PostAsync($"tasks/{live}/comments", new { body = "Deleted lately" })).GetProperty("id").GetGuid();
        var goneProject = await owner.CreateProjectAsync(workspaceId, "Gone");
        var goneTask = (await owner.CreateTaskAsync(goneProject)).GetProperty("id").GetGuid();
        attachments[goneTask] = await AttachmentTestKit.AttachAsync(owner, goneTask, AttachmentTestKit.RandomBytes(100));
        foreach (
            var path in new[]
            {
                $"tasks/{expired}",
                $"tasks/{halfPurged}",
                $"tasks/{recent}",
                $"projects/{goneProject}",
                $"comments/{oldComment}",
                $"comments/{newComment}",
            }
        )
        {
            using var deleted = await owner.Http.DeleteAsync(path);
            Assert.That(deleted.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NoContent), path);
        }

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync(
            """
            update task_rows set deleted_at = now() - interval '31 days' where id = any (@ids);
            update projects set deleted_at = now() - interval '31 days' where id = @goneProject;
            update comment_rows set deleted_at = now() - interval '31 days' where id = @oldComment;
            """,
            new
            {
                ids = new[] { expired, child, halfPurged },
                goneProject,
                oldComment,
            }
        );
        // A purge killed after deleting this object, before deleting its rows.
        var store = TestEnvironment.Hosts.Api.Services.GetRequiredService<ObjectStore>();
        await store.DeleteAsync(AttachmentRules.ObjectKey(workspaceId, attachments[halfPurged]), CancellationToken.None);

        var trash = TestEnvironment.Hosts.Worker!.Services.GetRequiredService<TrashPurge>();
        var first = await trash.PurgeAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        var second = await trash.PurgeAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        var rows = (
            await db.QueryAsync<Guid>(
                "select id from task_rows where id = any (@ids)",
                new { ids = new[] { expired, child, halfPurged, recent, live, goneTask } }
            )
        ).ToHashSet();
        var comments = await db.ExecuteScalarAsync<int>("select count(*) from comment_rows where task_id = @expired", new { expired });
        var trashedComments = (
            await db.QueryAsync<Guid>("select id from comment_rows where id = any (@ids)", new { ids = new[] { oldComment, newComment } })
        ).ToList();
        var project = await db.ExecuteScalarAsync<int>("select count(*) from projects where id = @goneProject", new { goneProject });
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(rows, Is.EquivalentTo(new[] { recent, live }), "the expired tasks, sub-tasks and the deleted project's tasks go");
            Assert.That(comments, Is.Zero);
            Assert.That(trashedComments, Is.EqualTo(new[] { newComment }), "a comment in the trash over 30 days goes");
            Assert.That(project, Is.Zero);
            foreach (var (taskId, attachmentId) in attachments)
            {
                Assert.That(
                    await AttachmentTestKit.ObjectExistsAsync(workspaceId, attachmentId),
                    Is.EqualTo(taskId == recent || taskId == live),
                    $"object of {taskId}"
                );
            }

            Assert.That(first.Single(r => r.Table == "task_rows (trash)").Rows, Is.GreaterThanOrEqualTo(3));
            Assert.That(first.Single(r => r.Table == "projects (trash)").Rows, Is.GreaterThanOrEqualTo(1));
            Assert.That(second.Sum(r => r.Rows), Is.Zero, "nothing is deleted twice");
        });
        await owner.PostAsync($"tasks/{recent}/restore", null, System.Net.HttpStatusCode.OK);
    }

    [Test]
    public void A_purge_runs_in_worker_hosts_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                TestEnvironment.Hosts.Worker!.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
                Has.Some.InstanceOf<RetentionPurge>()
            );
            Assert.That(
                TestEnvironment.Hosts.Api.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
                Has.None.InstanceOf<RetentionPurge>()
            );
        });
    }

    [Test]
    public void Retention_settings_are_checked_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WorkerHost.Build(
                ["--environment", "Development"],
                b =>
                    b.Configuration.AddInMemoryCollection(
                        new Dictionary<string, string?>
                        {
                            ["ConnectionStrings:Postgres"] = TestEnvironment.Services.PostgresConnectionString,
                            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
                            ["Retention:ActivityDays"] = "0",
                            ["Retention:BatchSize"] = "1000000",
                            ["Retention:IntervalMinutes"] = "hourly",
                        }
                    )
            )
        );

        Assert.That(
            error!.Message,
            Does.Contain("'Retention:ActivityDays' is invalid")
                .And.Contain("Retention__ActivityDays")
                .And.Contain("'Retention:BatchSize' is invalid")
                .And.Contain("'Retention:IntervalMinutes' is invalid")
                .And.Not.Contain("ReadNotificationDays")
        );
    }

    [Test]
    public void The_id_bound_sorts_every_earlier_UUIDv7_below_and_every_later_one_above()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var bound = RetentionPurge.FirstIdAt(at);

        // Postgres orders uuids by their bytes, as written big-endian.
        static string Bytes(Guid id) => Convert.ToHexString(id.ToByteArray(bigEndian: true));
        Assert.Multiple(() =>
        {
            Assert.That(Bytes(bound), Is.EqualTo(at.ToUnixTimeMilliseconds().ToString("X12") + new string('0', 20)));
            Assert.That(string.CompareOrdinal(Bytes(Guid.CreateVersion7(at.AddMilliseconds(-1))), Bytes(bound)), Is.Negative);
            Assert.That(string.CompareOrdinal(Bytes(Guid.CreateVersion7(at)), Bytes(bound)), Is.Positive);
        });
    }
}
