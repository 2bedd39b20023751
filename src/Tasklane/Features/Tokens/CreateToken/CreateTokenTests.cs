using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tokens.CreateToken;

public class CreateTokenTests
{
    [Test]
    public async Task A_token_is_shown_once_stored_hashed_and_works_as_a_bearer_token()
    {
        var client = await ApiClient.SignUpAsync();

        var created = await client.PostAsync("me/tokens", new { name = " CLI ", expiresAt = "2099-01-01T00:00:00+01:00" });
        var token = created.GetProperty("token").GetString()!;
        var me = await ApiClient.Send(ApiClient.WithBearer(token), HttpMethod.Get, "me", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(token, Does.Match("^tl_pat_[A-Za-z0-9_-]{43}$"));
            Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("CLI"));
            Assert.That(created.GetProperty("expiresAt").GetString(), Is.EqualTo("2098-12-31T23:00:00Z"));
            Assert.That(created.GetProperty("id").GetGuid().Version, Is.EqualTo(7));
            Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(client.UserId));
        });
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var stored = await db.QuerySingleAsync<string>(
            "select token_hash from api_tokens where id = @id",
            new { id = created.GetProperty("id").GetGuid() }
        );
        Assert.That(stored, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))));
    }

    [Test]
    public async Task A_token_without_expiry_works_and_its_use_is_recorded()
    {
        var client = await ApiClient.SignUpAsync();
        var token = (await client.PostAsync("me/tokens", new { name = "script" })).GetProperty("token").GetString()!;

        // A PAT is a full bearer token: it can act in workspaces too.
        var pat = ApiClient.WithBearer(token);
        await ApiClient.Send(pat, HttpMethod.Post, "workspaces", new { name = "Via PAT" }, HttpStatusCode.Created);

        var listed = (await client.GetAsync("me/tokens")).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("expiresAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(listed.GetProperty("lastUsedAt").GetDateTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    public async Task A_personal_API_token_cannot_create_tokens()
    {
        var client = await ApiClient.SignUpAsync();
        var pat = ApiClient.WithBearer((await client.PostAsync("me/tokens", new { name = "ci" })).GetProperty("token").GetString()!);

        using var response = await pat.PostAsJsonAsync("me/tokens", new { name = "minted by a token" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var tokens = (await client.GetAsync("me/tokens")).GetProperty("items");
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("API token").And.Contain("sign in"));
            Assert.That(tokens.GetArrayLength(), Is.EqualTo(1), "no second token");
        });
    }

    [Test]
    public async Task An_expired_token_is_401()
    {
        var client = await ApiClient.SignUpAsync();
        var created = await client.PostAsync("me/tokens", new { name = "short", expiresAt = DateTime.UtcNow.AddHours(1) });
        var pat = ApiClient.WithBearer(created.GetProperty("token").GetString()!);
        await ApiClient.Send(pat, HttpMethod.Get, "me", null, HttpStatusCode.OK);

        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update api_tokens set expires_at = now() - interval '1 second' where id = @id",
                new { id = created.GetProperty("id").GetGuid() }
            );
        }

        await (await pat.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_unknown_token_with_the_prefix_is_401()
    {
        var pat = ApiClient.WithBearer("tl_pat_" + new string('A', 43));

        await (await pat.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("""{}""", "name")]
    [TestCase("""{"name":"  "}""", "name")]
    [TestCase("""{"name":"x","expiresAt":"2000-01-01T00:00:00Z"}""", "expiresAt")]
    [TestCase("""{"name":"x","expiresAt":"next week"}""", "expiresAt")]
    [TestCase("""null""", "body")]
    public async Task Invalid_bodies_are_400(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, "me/tokens", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That((await client.GetAsync("me/tokens")).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_name_over_100_characters_is_400()
    {
        var client = await ApiClient.SignUpAsync();

        await (await client.Http.PostAsJsonAsync("me/tokens", new { name = new string('n', 101) })).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "name"
        );
    }

    [Test]
    public void The_decision_prefixes_the_token_and_trims_the_name()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = CreateTokenDecision.Decide(
            new CreateTokenRequest(" ci ", new DateTimeOffset(2031, 1, 1, 2, 0, 0, TimeSpan.FromHours(2))),
            now
        );
        var second = CreateTokenDecision.Decide(new CreateTokenRequest("ci", null), now);

        Assert.Multiple(() =>
        {
            Assert.That(first.Token, Does.StartWith("tl_pat_"));
            Assert.That(first.Token, Is.Not.EqualTo(second.Token));
            Assert.That(first.Name, Is.EqualTo("ci"));
            Assert.That(first.ExpiresAt, Is.EqualTo(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(first.ExpiresAt?.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(second.ExpiresAt, Is.Null);
            Assert.That(first.CreatedAt, Is.EqualTo(now));
        });
    }

    [Test]
    public async Task A_token_limited_to_a_workspace_reaches_nothing_outside_it_and_a_read_only_one_only_reads()
    {
        var client = await ApiClient.SignUpAsync();
        var (inside, insideProject) = await client.CreateProjectInNewWorkspaceAsync();
        var (_, outsideProject) = await client.CreateProjectInNewWorkspaceAsync();
        var created = await client.PostAsync(
            "me/tokens",
            new
            {
                name = "one workspace",
                workspaceIds = new[] { inside },
                readOnly = true,
            }
        );
        var pat = ApiClient.WithBearer(created.GetProperty("token").GetString()!);

        var workspaces = await ApiClient.Send(pat, HttpMethod.Get, "workspaces", null, HttpStatusCode.OK);
        await ApiClient.Send(pat, HttpMethod.Get, $"projects/{insideProject}", null, HttpStatusCode.OK);
        using var elsewhere = await pat.GetAsync($"projects/{outsideProject}");
        using var write = await pat.PostAsJsonAsync($"projects/{insideProject}/tasks", new { title = "Not by a reader" });
        using var newWorkspace = await pat.PostAsJsonAsync("workspaces", new { name = "Nope" });
        using var tokens = await pat.GetAsync("me/tokens");
        var listed = (await client.GetAsync("me/tokens")).GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("readOnly").GetBoolean(), Is.True);
            Assert.That(listed.GetProperty("workspaceIds")[0].GetGuid(), Is.EqualTo(inside));
            Assert.That(listed.GetProperty("readOnly").GetBoolean(), Is.True);
            Assert.That(
                workspaces.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetGuid()),
                Is.EqualTo(new[] { inside })
            );
        });
        await elsewhere.AssertProblemAsync(HttpStatusCode.NotFound);
        await write.AssertProblemAsync(HttpStatusCode.Forbidden);
        await newWorkspace.AssertProblemAsync(HttpStatusCode.Forbidden);
        await tokens.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_scope_of_workspaces_that_are_not_yours_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var theirs = await stranger.CreateWorkspaceAsync();

        using var foreign = await client.SendRawAsync(HttpMethod.Post, "me/tokens", $$"""{"name":"x","workspaceIds":["{{theirs}}"]}""");
        using var none = await client.SendRawAsync(HttpMethod.Post, "me/tokens", """{"name":"x","workspaceIds":[]}""");

        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, "workspaceIds");
        await none.AssertProblemAsync(HttpStatusCode.BadRequest, "workspaceIds");
    }

    [Test]
    public async Task A_read_only_tokens_write_is_403_whatever_the_client_accepts()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var pat = ApiClient.WithBearer(
            (await client.PostAsync("me/tokens", new { name = "reader", readOnly = true })).GetProperty("token").GetString()!
        );

        foreach (var accept in new[] { "application/json", "text/event-stream", "text/plain" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"projects/{projectId}/tasks")
            {
                Content = JsonContent.Create(new { title = "Not by a reader" }),
            };
            request.Headers.Accept.ParseAdd(accept);
            using var response = await pat.SendAsync(request);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), accept);
        }
    }
}
