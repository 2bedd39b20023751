using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects;

/// <summary>
/// Each writer of a project's tasks and comments raced against an archive of the project, many times: a write either
/// committed before the archive (it is there the moment the archive has answered) or was refused with 409 and left
/// nothing behind; never a write that lands in a project already archived. Writes go through one API host and archives
/// through the other, so the writer's cached project state is often stale and only the lock in its transaction decides.
/// </summary>
public class ProjectGuardTests
{
    private const int Pairs = 41;

    public sealed record Writer(
        string Name,
        Func<ApiClient, Guid, Task<Target>> Arrange,
        Func<ApiClient, Target, Task<HttpResponseMessage>> Write,
        string Written
    )
    {
        public override string ToString() => Name;
    }

    /// <summary>What a writer works on; <see cref="Marker"/> is the text it writes, so the probe can find it.</summary>
    public sealed record Target(Guid ProjectId, Guid TaskId, Guid CommentId, string Marker);

    private static readonly Writer[] Writers =
    [
        new(
            "CreateTask",
            ProjectAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Post, $"projects/{t.ProjectId}/tasks", Json(new { title = t.Marker })),
            "select exists (select 1 from tasks where project_id = @ProjectId and title = @Marker)"
        ),
        new(
            "UpdateTask",
            TaskAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Patch, $"tasks/{t.TaskId}", Json(new { title = t.Marker })),
            "select exists (select 1 from tasks where id = @TaskId and title = @Marker)"
        ),
        new(
            "MoveTask",
            TaskAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Post, $"tasks/{t.TaskId}/move", Json(new { status = "done" })),
            "select exists (select 1 from tasks where id = @TaskId and status = 'done')"
        ),
        new(
            "BulkUpdateTasks",
            TaskAsync,
            (c, t) =>
                c.SendRawAsync(
                    HttpMethod.Post,
                    $"projects/{t.ProjectId}/tasks/bulk",
                    Json(new { taskIds = new[] { t.TaskId }, status = "done" })
                ),
            "select exists (select 1 from tasks where id = @TaskId and status = 'done')"
        ),
        new(
            "AddComment",
            TaskAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Post, $"tasks/{t.TaskId}/comments", Json(new { body = t.Marker })),
            "select exists (select 1 from comments where task_id = @TaskId and body = @Marker)"
        ),
        new(
            "EditComment",
            CommentAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Patch, $"comments/{t.CommentId}", Json(new { body = t.Marker })),
            "select exists (select 1 from comments where id = @CommentId and body = @Marker)"
        ),
        new(
            "DeleteComment",
            CommentAsync,
            (c, t) => c.SendRawAsync(HttpMethod.Delete, $"comments/{t.CommentId}"),
            "select not exists (select 1 from comments where id = @CommentId)"
        ),
    ];

    [TestCaseSource(nameof(Writers))]
    public async Task A_write_racing_an_archive_commits_before_it_or_is_refused(Writer writer)
    {
        var owner = await ApiClient.SignUpAsync();
        var archiver = owner.Via(TestEnvironment.HostB.CreateClient());
        var workspaceId = await owner.CreateWorkspaceAsync();
        var targets = await Task.WhenAll(
            Enumerable.Range(0, Pairs).Select(async _ => await writer.Arrange(owner, await owner.CreateProjectAsync(workspaceId)))
        );
        // Reads of the project state are cached on each host: warm both, so the write's access check sees "active".
        await Task.WhenAll(
            targets
                .Select(t => owner.GetAsync($"projects/{t.ProjectId}"))
                .Concat(targets.Select(t => archiver.GetAsync($"projects/{t.ProjectId}")))
        );

        // The archive starts from 30 ms before the write to 10 ms after it, a millisecond apart: it takes longer than most
        // writes, so this lands its commit before, inside and after the writes' transactions.
        var outcomes = await Task.WhenAll(
            targets.Select((target, i) => RaceAsync(writer, owner, archiver, target, TimeSpan.FromMilliseconds(i - 30)))
        );

        Assert.Multiple(() =>
        {
            foreach (var (target, archive, write, writtenWhenArchived, writtenAtEnd) in outcomes)
            {
                var pair = $"{writer.Name} on project {target.ProjectId}";
                Assert.That(archive, Is.EqualTo(HttpStatusCode.OK), $"{pair}: the archive");
                Assert.That(
                    (int)write is >= 200 and < 300 || write == HttpStatusCode.Conflict,
                    Is.True,
                    $"{pair}: the write answered {write}"
                );
                if (write == HttpStatusCode.Conflict)
                {
                    Assert.That(writtenAtEnd, Is.False, $"{pair}: refused, yet written");
                }
                else
                {
                    Assert.That(writtenWhenArchived, Is.True, $"{pair}: answered {write} but committed after the archive");
                }
            }
        });
    }

    private static async Task<(
        Target Target,
        HttpStatusCode Archive,
        HttpStatusCode Write,
        bool WrittenWhenArchived,
        bool WrittenAtEnd
    )> RaceAsync(Writer writer, ApiClient owner, ApiClient archiver, Target target, TimeSpan archiveLater)
    {
        var write = Task.Run(async () =>
        {
            await Task.Delay(archiveLater < TimeSpan.Zero ? -archiveLater : TimeSpan.Zero);
            using var response = await writer.Write(owner, target);
            return response.StatusCode;
        });
        var archive = Task.Run(async () =>
        {
            await Task.Delay(archiveLater > TimeSpan.Zero ? archiveLater : TimeSpan.Zero);
            using var response = await archiver.SendRawAsync(HttpMethod.Post, $"projects/{target.ProjectId}/archive");
            // Probed as soon as the archive has committed: a write that is to succeed must already be there.
            return (response.StatusCode, await WrittenAsync(writer, target));
        });

        var (archived, writtenWhenArchived) = await archive;
        var written = await write;
        return (target, archived, written, writtenWhenArchived, await WrittenAsync(writer, target));
    }

    private static async Task<bool> WrittenAsync(Writer writer, Target target)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        return await db.ExecuteScalarAsync<bool>(writer.Written, target);
    }

    private static Task<Target> ProjectAsync(ApiClient owner, Guid projectId) =>
        Task.FromResult(new Target(projectId, Guid.Empty, Guid.Empty, $"raced-{Guid.NewGuid():N}"));

    private static async Task<Target> TaskAsync(ApiClient owner, Guid projectId)
    {
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        return new Target(projectId, taskId, Guid.Empty, $"raced-{Guid.NewGuid():N}");
    }

    private static async Task<Target> CommentAsync(ApiClient owner, Guid projectId)
    {
        var target = await TaskAsync(owner, projectId);
        var commentId = (await owner.PostAsync($"tasks/{target.TaskId}/comments", new { body = "before the race" }))
            .GetProperty("id")
            .GetGuid();
        return target with { CommentId = commentId };
    }

    private static string Json(object body) => JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
}
