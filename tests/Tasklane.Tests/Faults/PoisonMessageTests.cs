using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace Tasklane.Tests.Faults;

/// <summary>
/// A real poison message: an event whose workspace does not exist. The worker's activity handler fails on the
/// foreign key every time, so after its retries it lands in the worker's dead-letter table, while
/// messages published after it flow on. Once the cause is fixed (the workspace exists), replaying it works.
/// Own database and hosts: the dead letters and queues of the shared run stay untouched.
/// </summary>
public class PoisonMessageTests
{
    [Test]
    public async Task A_message_that_always_fails_is_dead_lettered_without_blocking_others_and_can_be_replayed()
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services);
        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        var owner = await ApiClient.SignUpAsync(hosts);

        var missingWorkspace = Guid.CreateVersion7();
        var poison = new MemberInvited(
            Guid.CreateVersion7(),
            missingWorkspace,
            owner.UserId,
            DateTime.UtcNow,
            Guid.CreateVersion7(),
            "poison@example.com",
            WorkspaceRole.Member,
            DateTime.UtcNow.AddDays(7)
        );
        var outbox = hosts.Api.Services.GetRequiredService<Outbox>();
        await using (var tx = await outbox.BeginAsync(default))
        {
            tx.Publish(poison);
            await tx.CommitAsync(default);
        }

        // Published after the poison message, through the API like any write.
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.InviteAsync(workspaceId, "healthy@example.com");
        var healthyStarted = DateTime.UtcNow;
        var healthy = await ApiClient.EventuallyAsync(
            () =>
                db.ExecuteScalarAsync<bool>(
                    "select exists (select 1 from activity where workspace_id = @workspaceId and kind = 'member.invited')",
                    new { workspaceId }
                ),
            found => found,
            TimeSpan.FromSeconds(10)
        );
        var healthyLatency = DateTime.UtcNow - healthyStarted;

        var deadLetters = hosts.Worker!.Services.GetRequiredService<IMessageStore>().DeadLetters;
        var dead = await ApiClient.EventuallyAsync(
            async () => await EnvelopeIdOf(db, poison.EventId) is { } id ? await deadLetters.DeadLetterEnvelopeByIdAsync(id) : null,
            letter => letter is not null,
            TimeSpan.FromSeconds(30)
        );

        Assert.Multiple(() =>
        {
            Assert.That(healthy, Is.True, "an event published after the poison one was handled");
            Assert.That(healthyLatency, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(dead, Is.Not.Null, "the poison message is in wolverine_worker.wolverine_dead_letters");
        });
        Assert.Multiple(() =>
        {
            Assert.That(dead!.MessageType, Does.Contain("member-invited").IgnoreCase.Or.Contain("MemberInvited"));
            Assert.That(dead.ExceptionType, Does.Contain("PostgresException"));
            Assert.That(
                dead.Envelope.Attempts,
                Is.EqualTo(4),
                "the first attempt and three quick retries (WolverineSetup), then the dead-letter table"
            );
            Assert.That(dead.Replayable, Is.False);
        });

        // Fix the cause, then replay: the durability agent moves the envelope back to the inbox.
        await db.ExecuteAsync(
            "insert into workspaces (id, name, created_by, created_at) values (@missingWorkspace, 'Recovered', @UserId, now())",
            new { missingWorkspace, owner.UserId }
        );
        await deadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([dead.Id]), default);

        var handled = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @EventId)", new { poison.EventId }),
            found => found,
            TimeSpan.FromSeconds(30)
        );
        var left = await ApiClient.EventuallyAsync(
            () =>
                db.ExecuteScalarAsync<long>("select count(*) from wolverine_worker.wolverine_dead_letters where id = @Id", new { dead.Id }),
            count => count == 0,
            TimeSpan.FromSeconds(10)
        );
        Assert.Multiple(() =>
        {
            Assert.That(handled, Is.True, "the replayed message was handled once its workspace existed");
            Assert.That(left, Is.Zero, "a replayed message leaves the dead-letter table");
        });
    }

    /// <summary>The envelope carrying the event: its serialized body contains the event id as text.</summary>
    private static Task<Guid?> EnvelopeIdOf(NpgsqlConnection db, Guid eventId) =>
        db.ExecuteScalarAsync<Guid?>(
            "select id from wolverine_worker.wolverine_dead_letters where position(convert_to(@text, 'UTF8') in body) > 0 limit 1",
            new { text = eventId.ToString() }
        );
}
