using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Infrastructure.Caching;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Faults;

/// <summary>
/// Every route that changes something that can be deleted, raced against that delete, round after round, over two API
/// hosts sharing Redis (each request of a race on the other host from the one before). Every answer is 2xx, 404, 409 or
/// 412 (a few routes have one more honest answer, named where they are raced), never a 5xx, and every 4xx is
/// ProblemDetails. Afterwards the data is consistent: the deleted thing is gone, in the database and from both hosts
/// (within the cache's repeated invalidation); no refused write landed and no acknowledged one was lost; versions
/// handed out are distinct. Own database and API hosts (no worker), with the per-user rate limit lifted.
/// </summary>
public class ConcurrentDeleteTests
{
    /// <summary>Races per test; each has several edits in flight around one delete.</summary>
    private static readonly int Rounds = FaultSuite.Count(3, 30);

    private readonly ConcurrentDictionary<string, int> _races = new();
    private readonly ConcurrentDictionary<(Uri, string), HttpClient> _clients = new();

    private TestServices? _services;
    private TasklaneHosts? _hostA;
    private TasklaneHosts? _hostB;
    private ApiClient? _owner;
    private Guid _workspaceId;
    private Guid _projectId;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(_services);
        var settings = new Dictionary<string, string?> { ["RateLimiting:UserPermitsPerWindow"] = "1000000" };
        _hostA = await TasklaneHosts.StartAsync(_services, withWorker: false, settings: settings);
        _hostB = await TasklaneHosts.StartAsync(_services, withWorker: false, settings: settings);
        _owner = await ApiClient.SignUpAsync(_hostA);
        (_workspaceId, _projectId) = await _owner.CreateProjectInNewWorkspaceAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        TestContext.Progress.WriteLine(
            $"Concurrent-delete races: {_races.Values.Sum()} edits raced against a delete ({string.Join(", ", _races.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))})"
        );
        foreach (var http in _clients.Values)
        {
            http.Dispose();
        }

        foreach (var host in new[] { _hostB, _hostA })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Test]
    public async Task Comment_edits_race_its_delete()
    {
        var taskId = await NewTaskAsync(_projectId);
        for (var round = 0; round < Rounds; round++)
        {
            var commentId = Id(await _owner!.PostAsync($"tasks/{taskId}/comments", new { body = "Original" }));
            var answers = await RaceAsync(
                "comment",
                [
                    .. Enumerable.Range(0, 5).Select(i => Patch($"comments/{commentId}", new { body = $"Edit {round}.{i}" })),
                    Delete($"comments/{commentId}"),
                ]
            );

            AssertDeleted(answers);
            AssertDistinctVersions(answers.Where(a => a.Method == "PATCH"), startingAt: 2);
            Assert.That(await CountAsync("select count(*) from comments where id = @commentId", new { commentId }), Is.Zero);
            await AssertOnBothHostsAsync(null, Listed($"tasks/{taskId}/comments", commentId, expected: false));
        }
    }

    [Test]
    public async Task Label_edits_and_links_race_its_delete()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var labelId = Id(
                await _owner!.PostAsync($"workspaces/{_workspaceId}/labels", new { name = $"label {round}", color = "#00ff00" })
            );
            var taskId = await NewTaskAsync(_projectId);
            var answers = await RaceAsync(
                "label",
                [
                    .. Enumerable.Range(0, 3).Select(i => Patch($"labels/{labelId}", new { name = $"label {round}.{i}" })),
                    // Linking a label that is gone by then is a 400 naming it, as it is when it was deleted long before.
                    Patch($"tasks/{taskId}", new { labelIds = new[] { labelId } }) with
                    {
                        AlsoAllowed = "labelIds",
                    },
                    Delete($"labels/{labelId}"),
                    Post($"projects/{_projectId}/tasks", new { title = $"labelled {round}", labelIds = new[] { labelId } }) with
                    {
                        AlsoAllowed = "labelIds",
                    },
                    Post($"projects/{_projectId}/tasks/bulk", new { taskIds = new[] { taskId }, addLabelIds = new[] { labelId } }) with
                    {
                        AlsoAllowed = "addLabelIds",
                    },
                ]
            );

            AssertDeleted(answers);
            AssertDistinctVersions(
                answers.Where(a => a.Path.StartsWith("labels/", StringComparison.Ordinal) && a.Method == "PATCH"),
                startingAt: 2
            );
            Assert.That(await CountAsync("select count(*) from labels where id = @labelId", new { labelId }), Is.Zero);
            Assert.That(await CountAsync("select count(*) from task_labels where label_id = @labelId", new { labelId }), Is.Zero);
            var version = await CountAsync("select version from tasks where id = @taskId", new { taskId });
            await AssertOnBothHostsAsync(
                null,
                Status($"labels/{labelId}", HttpStatusCode.NotFound),
                async http =>
                {
                    var task = await JsonAsync(http, $"tasks/{taskId}");
                    return task.GetProperty("labelIds").EnumerateArray().Any(l => l.GetGuid() == labelId) ? "a task kept the deleted label"
                        : task.GetProperty("version").GetInt32() != version
                            ? $"a task is version {task.GetProperty("version")}, stored {version}"
                        : null;
                }
            );
        }
    }

    [Test]
    public async Task Webhook_edits_and_pings_race_its_delete()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var webhookId = Id(
                await _owner!.PostAsync(
                    $"workspaces/{_workspaceId}/webhooks",
                    new
                    {
                        url = "http://127.0.0.1:9/hook",
                        events = new[] { "task.created" },
                        secret = "0123456789abcdef0123456789abcdef",
                    }
                )
            );
            var answers = await RaceAsync(
                "webhook",
                [
                    // A new secret each: every PATCH that gets through is a change, with its own version.
                    .. Enumerable
                        .Range(0, 3)
                        .Select(i =>
                            Patch($"webhooks/{webhookId}", new { enabled = i % 2 == 0, secret = $"secret-{round}-{i}-".PadRight(40, 's') })
                        ),
                    Delete($"webhooks/{webhookId}"),
                    .. Enumerable.Range(0, 2).Select(_ => Post($"webhooks/{webhookId}/ping", null)),
                ]
            );

            AssertDeleted(answers);
            AssertDistinctVersions(answers.Where(a => a.Method == "PATCH"), startingAt: 2);
            Assert.That(await CountAsync("select count(*) from webhooks where id = @webhookId", new { webhookId }), Is.Zero);
            Assert.That(
                await CountAsync("select count(*) from webhook_deliveries where webhook_id = @webhookId", new { webhookId }),
                Is.Zero
            );
            await AssertOnBothHostsAsync(null, Status($"webhooks/{webhookId}", HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Attachment_completion_races_its_delete()
    {
        var taskId = await NewTaskAsync(_projectId);
        for (var round = 0; round < Rounds; round++)
        {
            var upload = await AttachmentTestKit.StartAsync(_owner!, taskId, 16);
            await AttachmentTestKit.PutAsync(upload, AttachmentTestKit.RandomBytes(16));
            var attachmentId = upload.GetProperty("attachmentId").GetGuid();
            var answers = await RaceAsync(
                "attachment",
                [
                    .. Enumerable.Range(0, 3).Select(_ => Post($"attachments/{attachmentId}/complete", null)),
                    Delete($"attachments/{attachmentId}"),
                    // A download answers with a redirect to the object store while the attachment is there.
                    Get($"attachments/{attachmentId}") with
                    {
                        AlsoAllowed = "302",
                    },
                ]
            );

            AssertDeleted(answers);
            Assert.That(
                await CountAsync("select count(*) from attachments where id = @attachmentId and deleted_at is null", new { attachmentId }),
                Is.Zero
            );
            await AssertOnBothHostsAsync(
                null,
                Status($"attachments/{attachmentId}", HttpStatusCode.NotFound),
                Listed($"tasks/{taskId}/attachments", attachmentId, expected: false)
            );
        }
    }

    [Test]
    public async Task Invitation_accepts_race_its_revoke()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var invitee = await ApiClient.SignUpAsync(_hostA!);
            var invitation = await _owner!.PostAsync(
                $"workspaces/{_workspaceId}/invitations",
                new { email = invitee.Email, role = "member" }
            );
            var (invitationId, token) = (invitation.GetProperty("invitationId").GetGuid(), invitation.GetProperty("token").GetString()!);
            var answers = await RaceAsync(
                "invitation",
                [
                    // An invitation already used or revoked is a 404 to an accept.
                    Post($"invitations/{token}/accept", null) with
                    {
                        Token = invitee.Token,
                    },
                    Delete($"workspaces/{_workspaceId}/invitations/{invitationId}"),
                    Post($"invitations/{token}/accept", null) with
                    {
                        Token = invitee.Token,
                    },
                    Delete($"workspaces/{_workspaceId}/invitations/{invitationId}"),
                ]
            );

            var accepted = answers.Count(a => a.Method == "POST" && a.Success);
            var revoked = answers.Count(a => a.Method == "DELETE" && a.Success);
            AssertAnswers(answers);
            Assert.Multiple(() =>
            {
                Assert.That((accepted, revoked), Is.EqualTo((1, 0)).Or.EqualTo((0, 1)), "accepted once, or revoked once, never both");
                Assert.That(
                    answers.Count(a => a.Method == "DELETE" && a.Status == HttpStatusCode.NotFound),
                    Is.EqualTo(revoked == 1 ? 1 : 2)
                );
            });
            Assert.That(
                await CountAsync(
                    "select count(*) from workspace_members where workspace_id = @_workspaceId and user_id = @UserId",
                    new { _workspaceId, invitee.UserId }
                ),
                Is.EqualTo(accepted)
            );
            Assert.That(
                await CountAsync(
                    "select count(*) from invitations where id = @invitationId and accepted_at is not null",
                    new { invitationId }
                ),
                Is.EqualTo(accepted)
            );
            await AssertOnBothHostsAsync(
                invitee.Token,
                Status($"projects/{_projectId}", accepted == 1 ? HttpStatusCode.OK : HttpStatusCode.NotFound)
            );
        }
    }

    [Test]
    public async Task Requests_with_an_api_token_race_its_revoke()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var created = await _owner!.PostAsync("me/tokens", new { name = $"race {round}" });
            var (tokenId, token) = (Id(created), created.GetProperty("token").GetString()!);
            var answers = await RaceAsync(
                "token",
                [
                    // A request made with a token revoked by then is a 401, as it is for any revoked token.
                    .. Enumerable
                        .Range(0, 2)
                        .Select(i =>
                            Post($"projects/{_projectId}/tasks", new { title = $"token {round}.{i}" }) with
                            {
                                Token = token,
                                AlsoAllowed = "401",
                            }
                        ),
                    Delete($"me/tokens/{tokenId}"),
                    .. Enumerable
                        .Range(2, 2)
                        .Select(i =>
                            Post($"projects/{_projectId}/tasks", new { title = $"token {round}.{i}" }) with
                            {
                                Token = token,
                                AlsoAllowed = "401",
                            }
                        ),
                    Delete($"me/tokens/{tokenId}"),
                ]
            );

            AssertAnswers(answers);
            Assert.That(
                answers.Count(a => a.Method == "DELETE" && a.Success),
                Is.EqualTo(1),
                "revoked once; the other revoke finds it revoked (404)"
            );
            Assert.That(
                await CountAsync("select count(*) from api_tokens where id = @tokenId and revoked_at is not null", new { tokenId }),
                Is.EqualTo(1)
            );
            await AssertWritesAsync(answers.Where(a => a.Method == "POST"), $"token {round}.%");
            await AssertOnBothHostsAsync(token, Status("me", HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task Role_changes_and_a_members_own_writes_race_the_removal()
    {
        var taskId = await NewTaskAsync(_projectId);
        for (var round = 0; round < Rounds; round++)
        {
            var member = await ApiClient.SignUpAsync(_hostA!);
            await _owner!.AddMemberAsync(_workspaceId, member, "admin");
            var before = await JsonAsync(_owner.Http, $"tasks/{taskId}");
            var answers = await RaceAsync(
                "member",
                [
                    .. Enumerable
                        .Range(0, 3)
                        .Select(i =>
                            Patch($"workspaces/{_workspaceId}/members/{member.UserId}", new { role = i % 2 == 0 ? "member" : "admin" })
                        ),
                    Delete($"workspaces/{_workspaceId}/members/{member.UserId}"),
                    .. Enumerable
                        .Range(0, 3)
                        .Select(i => Patch($"tasks/{taskId}", new { title = $"member {round}.{i}" }) with { Token = member.Token }),
                ]
            );

            AssertDeleted(answers);
            Assert.That(
                await CountAsync(
                    "select count(*) from workspace_members where workspace_id = @_workspaceId and user_id = @UserId",
                    new { _workspaceId, member.UserId }
                ),
                Is.Zero
            );
            await AssertTitleAsync(taskId, before, answers.Where(a => a.Path.StartsWith("tasks/", StringComparison.Ordinal)));
            await AssertOnBothHostsAsync(member.Token, Status($"tasks/{taskId}", HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Task_and_project_edits_race_the_project_delete()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var projectId = await _owner!.CreateProjectAsync(_workspaceId, $"project {round}");
            var taskId = await NewTaskAsync(projectId);
            var before = await JsonAsync(_owner.Http, $"tasks/{taskId}");
            var answers = await RaceAsync(
                "project",
                [
                    .. Enumerable.Range(0, 2).Select(i => Patch($"projects/{projectId}", new { name = $"project {round}.{i}" })),
                    .. Enumerable.Range(0, 2).Select(i => Patch($"tasks/{taskId}", new { title = $"task {round}.{i}" })),
                    Post($"tasks/{taskId}/move", new { status = "done" }),
                    .. Enumerable.Range(0, 2).Select(i => Post($"projects/{projectId}/tasks", new { title = $"new {round}.{i}" })),
                    Delete($"projects/{projectId}"),
                    Post($"projects/{projectId}/tasks/bulk", new { taskIds = new[] { taskId }, status = "in_progress" }),
                    Post($"tasks/{taskId}/comments", new { body = $"comment {round}" }),
                    Put($"tasks/{taskId}/follow"),
                    Post(
                        $"tasks/{taskId}/attachments",
                        new
                        {
                            fileName = "a.txt",
                            contentType = "text/plain",
                            size = 3,
                        }
                    ),
                    Post($"projects/{projectId}/exports", new { format = "json" }),
                    Post($"projects/{projectId}/archive", null),
                ]
            );

            AssertDeleted(answers);
            AssertDistinctVersions(answers.Where(a => a.Path == $"projects/{projectId}" && a.Method == "PATCH"), startingAt: 2);
            Assert.That(
                await CountAsync("select count(*) from projects where id = @projectId and deleted_at is not null", new { projectId }),
                Is.EqualTo(1)
            );
            await AssertTitleAsync(taskId, before, answers.Where(a => a.Path == $"tasks/{taskId}" && a.Method == "PATCH"));
            await AssertWritesAsync(answers.Where(a => a.Path == $"projects/{projectId}/tasks"), $"new {round}.%");
            Assert.That(
                await CountAsync("select count(*) from comments where task_id = @taskId", new { taskId }),
                Is.EqualTo(answers.Count(a => a.Path.EndsWith("/comments", StringComparison.Ordinal) && a.Success)),
                "comments acknowledged = comments stored"
            );
            await AssertOnBothHostsAsync(
                null,
                Status($"projects/{projectId}", HttpStatusCode.NotFound),
                Status($"tasks/{taskId}", HttpStatusCode.NotFound)
            );
        }
    }

    /// <summary>
    /// A request of a race; <see cref="AlsoAllowed"/> is one more acceptable answer: a status, or a field whose 400 is honest.
    /// </summary>
    private sealed record Request(string Method, string Path, object? Body, string? Token = null, string? AlsoAllowed = null);

    private sealed record Answer(string Method, string Path, HttpStatusCode Status, string? ContentType, string Body, string? AlsoAllowed)
    {
        public bool Success => (int)Status is >= 200 and < 300;

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public override string ToString() => $"{Method} {Path} -> {(int)Status} {(Body.Length > 300 ? Body[..300] : Body)}";
    }

    private static Request Patch(string path, object body) => new("PATCH", path, body);

    private static Request Post(string path, object? body) => new("POST", path, body);

    private static Request Put(string path) => new("PUT", path, null);

    private static Request Get(string path) => new("GET", path, null);

    private static Request Delete(string path) => new("DELETE", path, null);

    /// <summary>
    /// Sends every request at once (each after a random 0-20 ms, so the delete lands before, among and after the edits),
    /// each on the other host from the one before, as the owner unless the request names a token.
    /// </summary>
    private async Task<List<Answer>> RaceAsync(string name, Request[] requests)
    {
        _races.AddOrUpdate(
            name,
            requests.Length - requests.Count(r => r.Method == "DELETE"),
            (_, n) => n + requests.Length - requests.Count(r => r.Method == "DELETE")
        );
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = requests
            .Select(
                async (request, i) =>
                {
                    await start.Task;
                    await Task.Delay(Random.Shared.Next(20));
                    using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
                    if (request.Body is not null)
                    {
                        message.Content = JsonContent.Create(request.Body);
                    }

                    using var response = await Client(i % 2 == 0 ? _hostA! : _hostB!, request.Token ?? _owner!.Token).SendAsync(message);
                    return new Answer(
                        request.Method,
                        request.Path,
                        response.StatusCode,
                        response.Content.Headers.ContentType?.MediaType,
                        await response.Content.ReadAsStringAsync(),
                        request.AlsoAllowed
                    );
                }
            )
            .ToList();
        start.SetResult();
        return [.. await Task.WhenAll(sends)];
    }

    /// <summary>2xx, 404, 409, 412 or the request's own extra answer; never a 5xx; a refusal is ProblemDetails.</summary>
    private static void AssertAnswers(IEnumerable<Answer> answers)
    {
        var wrong = answers
            .Where(a =>
                !(
                    a.Success
                    || a.Status is HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed
                    || a.AlsoAllowed == ((int)a.Status).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    || (
                        a.Status == HttpStatusCode.BadRequest
                        && a.AlsoAllowed is { } field
                        && a.Json.TryGetProperty("errors", out var errors)
                        && errors.TryGetProperty(field, out _)
                    )
                ) || ((int)a.Status >= 400 && a.ContentType != "application/problem+json")
            )
            .ToList();
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    /// <summary>The answers are acceptable and the one delete succeeded: nothing else deletes it.</summary>
    private static void AssertDeleted(List<Answer> answers)
    {
        AssertAnswers(answers);
        Assert.That(answers.Single(a => a.Method == "DELETE").Status, Is.EqualTo(HttpStatusCode.NoContent), string.Join("\n", answers));
    }

    /// <summary>
    /// Each successful change got its own version, counting up from <paramref name="startingAt"/>: no two writes saw the same row.
    /// </summary>
    private static void AssertDistinctVersions(IEnumerable<Answer> changes, int startingAt)
    {
        var versions = changes.Where(a => a.Success).Select(a => a.Json.GetProperty("version").GetInt32()).Order().ToList();
        Assert.That(versions, Is.Unique, "two writes got the same version");
        Assert.That(versions, Is.All.GreaterThanOrEqualTo(startingAt));
    }

    /// <summary>
    /// The task's title is the one of the acknowledged PATCH with the highest version, or the old one when none was:
    /// no refused PATCH landed and no acknowledged one was lost.
    /// </summary>
    private async Task AssertTitleAsync(Guid taskId, JsonElement before, IEnumerable<Answer> patches)
    {
        var done = patches.Where(a => a.Success).Select(a => a.Json).OrderBy(t => t.GetProperty("version").GetInt32()).ToList();
        var expected = done.Count == 0 ? before.GetProperty("title").GetString() : done[^1].GetProperty("title").GetString();
        await using var db = await OpenDbAsync();
        Assert.That(
            await db.ExecuteScalarAsync<string>("select title from tasks where id = @taskId", new { taskId }),
            Is.EqualTo(expected)
        );
    }

    /// <summary>The tasks titled like <paramref name="titles"/> are exactly the ones created with a 201.</summary>
    private async Task AssertWritesAsync(IEnumerable<Answer> creates, string titles)
    {
        var acknowledged = creates.Where(a => a.Success).Select(Id).Order().ToList();
        await using var db = await OpenDbAsync();
        var stored = (await db.QueryAsync<Guid>("select id from tasks where title like @titles order by id", new { titles })).ToList();
        Assert.That(stored, Is.EqualTo(acknowledged), "tasks stored = tasks acknowledged");
    }

    /// <summary>
    /// Reads on both hosts as <paramref name="token"/> (the owner's by default) until every probe finds nothing wrong.
    /// A read that loaded a row before the delete committed may have cached it after the delete's invalidation, which
    /// the cache drops <see cref="HotCache.RepeatAfter"/> later: that long, and a little more, is allowed.
    /// </summary>
    private async Task AssertOnBothHostsAsync(string? token, params Func<HttpClient, Task<string?>>[] probes)
    {
        var clients = new[] { _hostA!, _hostB! }.Select(h => Client(h, token ?? _owner!.Token)).ToList();
        async Task<List<string>> ProblemsAsync()
        {
            var found = new List<string>();
            foreach (var http in clients)
            {
                foreach (var probe in probes)
                {
                    if (await probe(http) is { } problem)
                    {
                        found.Add($"{http.BaseAddress}: {problem}");
                    }
                }
            }

            return found;
        }

        var problems = await ApiClient.EventuallyAsync(ProblemsAsync, p => p.Count == 0, HotCache.RepeatAfter + TimeSpan.FromSeconds(3));
        Assert.That(problems, Is.Empty);
    }

    private static Func<HttpClient, Task<string?>> Status(string path, HttpStatusCode expected) =>
        async http =>
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode == expected
                ? null
                : $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        };

    private static Func<HttpClient, Task<string?>> Listed(string path, Guid id, bool expected) =>
        async http =>
            (await JsonAsync(http, path)).GetProperty("items").EnumerateArray().Any(i => Id(i) == id) == expected
                ? null
                : $"GET {path}: {id} listed is not {expected}";

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path) =>
        await ApiClient.Send(http, HttpMethod.Get, path, null, HttpStatusCode.OK);

    private HttpClient Client(TasklaneHosts host, string token) =>
        _clients.GetOrAdd(
            (host.BaseAddress, token),
            key =>
            {
                var http = new HttpClient { BaseAddress = new Uri(key.Item1, "/api/v1/"), Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Item2);
                return http;
            }
        );

    private async Task<Guid> NewTaskAsync(Guid projectId) => Id(await _owner!.CreateTaskAsync(projectId, new { title = "Original" }));

    private async Task<NpgsqlConnection> OpenDbAsync()
    {
        var db = new NpgsqlConnection(_services!.PostgresConnectionString);
        await db.OpenAsync();
        return db;
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var db = await OpenDbAsync();
        return await db.ExecuteScalarAsync<long>(sql, parameters);
    }

    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    private static Guid Id(Answer answer) => Id(answer.Json);
}
