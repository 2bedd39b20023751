using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.DeleteAttachment;

public class DeleteAttachmentTests
{
    [Test]
    public async Task Deletes_the_row_at_once_and_the_object_eventually()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(client);
        var id = await AttachAsync(client, taskId, RandomBytes(100));
        Assert.That(await ObjectExistsAsync(workspaceId, id), Is.True);

        var response = await client.Http.DeleteAsync($"attachments/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ListedAsync(client, taskId), Is.Empty);
        await (await client.Http.GetAsync($"attachments/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.DeleteAsync($"attachments/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(
            await ApiClient.EventuallyAsync(() => ObjectExistsAsync(workspaceId, id), exists => !exists),
            Is.False,
            "the worker deletes the object"
        );
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(
            await db.ExecuteScalarAsync<bool>("select deleted_at is not null from attachments where id = @id", new { id }),
            Is.True,
            "soft-deleted"
        );
    }

    [Test]
    public async Task Another_member_may_not_but_an_admin_may_and_a_viewer_may_not_even_their_own_role()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(owner);
        await member.JoinWorkspaceAsync(workspaceId);
        await admin.JoinWorkspaceAsync(workspaceId, "admin");
        var ownersId = await AttachAsync(owner, taskId, RandomBytes(10));
        var membersId = await AttachAsync(member, taskId, RandomBytes(10));

        await (await member.Http.DeleteAsync($"attachments/{ownersId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await member.Http.DeleteAsync($"attachments/{membersId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await admin.Http.DeleteAsync($"attachments/{ownersId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ListedAsync(owner, taskId), Is.Empty);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404_and_nothing_is_deleted()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(owner);
        var id = await AttachAsync(owner, taskId, RandomBytes(10));

        await (await stranger.Http.DeleteAsync($"attachments/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await ListedAsync(owner, taskId), Is.EqualTo(new[] { id }));
        Assert.That(await ObjectExistsAsync(workspaceId, id), Is.True);
    }
}
