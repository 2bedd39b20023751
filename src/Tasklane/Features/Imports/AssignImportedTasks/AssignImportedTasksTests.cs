using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;
using static Tasklane.Features.Imports.ImportTestKit;

namespace Tasklane.Features.Imports.AssignImportedTasks;

public class AssignImportedTasksTests
{
    [Test]
    public async Task Someone_the_import_invited_gets_their_tasks_when_they_accept_once()
    {
        var owner = await ApiClient.SignUpAsync();
        var newcomer = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var csv =
            "id,title,assignees\r\n"
            + $"1,Shared,{newcomer.Email}; {owner.Email}\r\n"
            + $"2,Theirs,{newcomer.Email.ToUpperInvariant()}\r\n"
            + "3,Named only,Jane Doe\r\n";

        var import = await ImportAsync(owner, workspaceId, "csv", csv, new { inviteUnknownPeople = true });

        var preview = import.GetProperty("preview");
        var invitations = (await owner.GetAsync($"workspaces/{workspaceId}/invitations")).GetProperty("items");
        var projectId = import.GetProperty("projectId").GetGuid();
        var before = (await TasksAsync(owner, projectId)).ToDictionary(t => t.GetProperty("title").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(import.GetProperty("status").GetString(), Is.EqualTo("succeeded"), import.ToString());
            Assert.That(preview.GetProperty("invitedPeople").GetArrayLength(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("invitedPeople")[0].GetProperty("rows").GetInt64(), Is.EqualTo(2));
            Assert.That(Names(preview.GetProperty("unmappedUsers")), Is.EqualTo(new[] { "Jane Doe" }), "a name without an address");
            Assert.That(invitations.GetArrayLength(), Is.EqualTo(1));
            Assert.That(invitations[0].GetProperty("email").GetString(), Is.EqualTo(newcomer.Email).IgnoreCase);
            Assert.That(invitations[0].GetProperty("role").GetString(), Is.EqualTo("member"));
            Assert.That(Assignees(before["Shared"]), Is.EqualTo(new[] { owner.UserId }), "held until they accept");
            Assert.That(Assignees(before["Theirs"]), Is.Empty);
        });

        // Nobody holds the import's token: an admin renews the invitation to pass one on.
        var invitationId = invitations[0].GetProperty("invitationId").GetGuid();
        var renewed = await owner.PostAsync($"workspaces/{workspaceId}/invitations/{invitationId}/renew", null, HttpStatusCode.OK);
        await newcomer.PostAsync($"invitations/{renewed.GetProperty("token").GetString()}/accept", null, HttpStatusCode.OK);

        var after = await ApiClient.EventuallyAsync(
            async () => (await TasksAsync(owner, projectId)).ToDictionary(t => t.GetProperty("title").GetString()!),
            tasks => Assignees(tasks["Theirs"]).Length == 1 && Assignees(tasks["Shared"]).Length == 2
        );
        var activity = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"tasks/{after["Theirs"].GetProperty("id").GetGuid()}/activity"),
            a => a.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "task.updated")
        );
        Assert.Multiple(() =>
        {
            Assert.That(Assignees(after["Shared"]), Is.EquivalentTo(new[] { owner.UserId, newcomer.UserId }));
            Assert.That(Assignees(after["Theirs"]), Is.EqualTo(new[] { newcomer.UserId }));
            Assert.That(Assignees(after["Named only"]), Is.Empty);
            Assert.That(after["Theirs"].GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(after["Named only"].GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(
                activity
                    .GetProperty("items")
                    .EnumerateArray()
                    .Single(e => e.GetProperty("kind").GetString() == "task.updated")
                    .GetProperty("actorId")
                    .GetGuid(),
                Is.EqualTo(newcomer.UserId)
            );
        });

        // The same event handled again (a redelivery) finds nothing left to assign.
        await using (var scope = TestEnvironment.Hosts.Worker!.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await AssignImportedTasksHandler.Handle(
                new MemberJoined(
                    Guid.CreateVersion7(),
                    workspaceId,
                    newcomer.UserId,
                    DateTime.UtcNow,
                    newcomer.UserId,
                    WorkspaceRole.Member,
                    invitationId
                ),
                services.GetRequiredService<NpgsqlDataSource>(),
                services.GetRequiredService<Outbox>(),
                TimeProvider.System,
                CancellationToken.None
            );
        }

        var again = await owner.GetAsync($"tasks/{after["Theirs"].GetProperty("id").GetGuid()}");
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var held = await db.ExecuteScalarAsync<long>(
            "select count(*) from invitation_assignments where invitation_id = @invitationId",
            new { invitationId }
        );
        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(held, Is.Zero);
        });
    }

    [Test]
    public async Task Without_the_option_nobody_is_invited_and_a_second_import_reuses_the_pending_invitation()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var email = $"later-{Guid.NewGuid():N}@example.com";
        var csv = $"title,assignees\r\nOne,{email}\r\n";

        var plain = await ImportAsync(owner, workspaceId, "csv", csv);
        var none = (await owner.GetAsync($"workspaces/{workspaceId}/invitations")).GetProperty("items").GetArrayLength();
        var first = await ImportAsync(owner, workspaceId, "csv", csv, new { inviteUnknownPeople = true });
        var second = await ImportAsync(owner, workspaceId, "csv", csv, new { inviteUnknownPeople = true });
        var invitations = (await owner.GetAsync($"workspaces/{workspaceId}/invitations")).GetProperty("items");

        Assert.Multiple(() =>
        {
            Assert.That(Names(plain.GetProperty("preview").GetProperty("unmappedUsers")), Is.EqualTo(new[] { email }));
            Assert.That(plain.GetProperty("preview").GetProperty("invitedPeople").GetArrayLength(), Is.Zero);
            Assert.That(none, Is.Zero);
            Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("succeeded"), first.ToString());
            Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("succeeded"), second.ToString());
            Assert.That(invitations.GetArrayLength(), Is.EqualTo(1), "one pending invitation per address");
        });

        // Revoked: the tasks held for it are let go with it.
        await owner.SendRawAsync(
            HttpMethod.Delete,
            $"workspaces/{workspaceId}/invitations/{invitations[0].GetProperty("invitationId").GetGuid()}"
        );
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var held = await db.ExecuteScalarAsync<long>(
            "select count(*) from invitation_assignments h join task_rows t on t.id = h.task_id where t.workspace_id = @workspaceId",
            new { workspaceId }
        );
        Assert.That(held, Is.Zero);
    }

    [Test]
    public void A_task_gains_the_user_unless_it_has_them_or_is_full()
    {
        var user = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var full = Enumerable.Range(0, Tasks.TaskRules.AssigneesMax).Select(_ => Guid.CreateVersion7()).Order().ToArray();
        HeldTask[] tasks =
        [
            new(Guid.CreateVersion7(), 3, [other]),
            new(Guid.CreateVersion7(), 1, [user]),
            new(Guid.CreateVersion7(), 1, full),
        ];

        var assignments = AssignImportedTasksDecision.Decide(tasks, user);

        Assert.That(assignments, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(assignments[0].TaskId, Is.EqualTo(tasks[0].Id));
            Assert.That(assignments[0].Version, Is.EqualTo(4));
            Assert.That(assignments[0].AssigneeIds.From, Is.EqualTo(new[] { other }));
            Assert.That(assignments[0].AssigneeIds.To, Is.EqualTo(new[] { user, other }.Order().ToArray()));
        });
    }

    private static string[] Names(JsonElement names) => names.EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToArray();

    private static Guid[] Assignees(JsonElement task) =>
        task.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()).ToArray();
}
