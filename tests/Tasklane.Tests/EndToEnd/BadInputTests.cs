using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Malformed input gets a 4xx ProblemDetails, never a 500, and never changes the database.</summary>
public class BadInputTests
{
    private static IEnumerable<TestCaseData> Bodies()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"title\":"), HttpStatusCode.BadRequest).SetName("truncated JSON");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("title=x"), HttpStatusCode.BadRequest).SetName("not JSON");
        yield return new TestCaseData(Array.Empty<byte>(), HttpStatusCode.BadRequest).SetName("empty body");
        yield return new TestCaseData(
            new byte[] { 0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D },
            HttpStatusCode.BadRequest
        ).SetName("invalid UTF-8");
        // JSON must be UTF-8 everywhere, also where the serializer skips without decoding: an unknown field's name or value.
        yield return new TestCaseData((byte[])[.. "{\"title\":\"x\",\""u8, 0xC3, 0x28, .. "\":1}"u8], HttpStatusCode.BadRequest).SetName(
            "invalid UTF-8 in an unknown field's name"
        );
        yield return new TestCaseData(
            (byte[])[.. "{\"title\":\"x\",\"note\":\""u8, 0xC0, 0xAF, .. "\"}"u8],
            HttpStatusCode.BadRequest
        ).SetName("overlong UTF-8 in an unknown field's value");
        yield return new TestCaseData(
            (byte[])[.. "{\"title\":\"x\",\"note\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8],
            HttpStatusCode.BadRequest
        ).SetName("UTF-8 encoded surrogate in an unknown field's value");
        yield return new TestCaseData(
            Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
            HttpStatusCode.BadRequest
        ).SetName("deeply nested JSON");
        yield return new TestCaseData(
            Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"),
            HttpStatusCode.RequestEntityTooLarge
        ).SetName("2 MiB body");
        yield return new TestCaseData(
            Encoding.UTF8.GetBytes("{\"title\":\"x'); drop table tasks;--\",\"status\":\"todo' or '1'='1\"}"),
            HttpStatusCode.BadRequest
        ).SetName("SQL in an enum");
    }

    [TestCaseSource(nameof(Bodies))]
    public async Task Malformed_bodies_are_refused_without_side_effects(byte[] body, HttpStatusCode expected)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.Http.PostAsync($"projects/{projectId}/tasks", content);

        await response.AssertProblemAsync(expected);
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(
            await db.ExecuteScalarAsync<long>("select count(*) from tasks where project_id = @projectId", new { projectId }),
            Is.Zero
        );
    }

    [Test]
    public async Task A_body_that_is_not_json_by_content_type_is_415()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsync(
            $"projects/{projectId}/tasks",
            new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "text/plain")
        );

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var client = await ApiClient.SignUpAsync();

        await (await client.Http.GetAsync("no/such/route")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
