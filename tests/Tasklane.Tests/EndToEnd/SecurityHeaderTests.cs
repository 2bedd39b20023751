using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Browsers must not sniff an API answer into HTML or script, whichever part of the pipeline wrote it.</summary>
public class SecurityHeaderTests
{
    [Test]
    public async Task Every_kind_of_response_says_nosniff()
    {
        var client = await ApiClient.SignUpAsync();
        using var anonymous = ApiClient.Anonymous();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var tooLarge = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        tooLarge.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        (string What, HttpStatusCode Expected, HttpResponseMessage Response)[] responses =
        [
            ("a 200 from an endpoint", HttpStatusCode.OK, await client.Http.GetAsync("me")),
            (
                "a 400 with field errors",
                HttpStatusCode.BadRequest,
                await client.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/tasks", "{}")
            ),
            ("a 404 for an id the caller cannot see", HttpStatusCode.NotFound, await client.Http.GetAsync($"projects/{Guid.NewGuid()}")),
            ("a 404 for an unknown route", HttpStatusCode.NotFound, await anonymous.GetAsync("no/such/route")),
            ("a 401 without a token", HttpStatusCode.Unauthorized, await anonymous.GetAsync("me")),
            (
                "a 413 written by the exception handler",
                HttpStatusCode.RequestEntityTooLarge,
                await client.Http.PostAsync($"projects/{projectId}/tasks", tooLarge)
            ),
            ("the OpenAPI document", HttpStatusCode.OK, await anonymous.GetAsync("/openapi/v1.json")),
            ("a health probe", HttpStatusCode.OK, await anonymous.GetAsync("/health/live")),
        ];

        Assert.Multiple(() =>
        {
            foreach (var (what, expected, response) in responses)
            {
                Assert.That(response.StatusCode, Is.EqualTo(expected), what);
                Assert.That(
                    response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values : [],
                    Is.EqualTo(new[] { "nosniff" }),
                    what
                );
            }
        });
        foreach (var (_, _, response) in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Answers_that_carry_a_secret_say_no_store()
    {
        var client = await ApiClient.SignUpAsync();
        using var anonymous = ApiClient.Anonymous();
        var workspaceId = await client.CreateWorkspaceAsync();

        (string What, HttpResponseMessage Response)[] responses =
        [
            (
                "a session token",
                await anonymous.PostAsync("auth/login", JsonContent.Create(new { email = client.Email, password = "correct horse" }))
            ),
            ("an API token", await client.SendRawAsync(HttpMethod.Post, "me/tokens", """{"name":"secret"}""")),
            (
                "an invitation token",
                await client.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations", """{"email":"a@example.com"}""")
            ),
        ];

        Assert.Multiple(() =>
        {
            foreach (var (what, response) in responses)
            {
                Assert.That((int)response.StatusCode, Is.InRange(200, 299), what);
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True, what);
            }
        });
        foreach (var (_, response) in responses)
        {
            response.Dispose();
        }
    }
}
