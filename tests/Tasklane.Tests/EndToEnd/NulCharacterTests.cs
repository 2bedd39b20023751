using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// A NUL character is refused before it reaches Postgres. There it fails the statement's bind, and Npgsql 10.0.3 marks a
/// statement it was auto-preparing in that round trip as prepared without its row description, so the connection's next
/// run of the same statement, for anyone, fails ("unexpected backend message DataRow", a 500). Own database and API
/// host, so its small pool hands the same connection back request after request.
/// </summary>
public class NulCharacterTests
{
    [Test]
    public async Task A_nul_in_a_query_or_a_body_is_400_and_breaks_nothing_for_the_next_request()
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        var client = await ApiClient.SignUpAsync(hosts);
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var wrong = new List<string>();

        // Each sort is its own statement: its first run plans it, its second (with the NUL) auto-prepares it.
        foreach (var sort in new[] { "createdAt", "position", "priority", "dueAt", "updatedAt" })
        {
            foreach (
                var (q, expected) in new[] { ("x", HttpStatusCode.OK), ("a%00b", HttpStatusCode.BadRequest), ("x", HttpStatusCode.OK) }
            )
            {
                using var response = await client.Http.GetAsync($"projects/{projectId}/tasks?sort={sort}&q={q}");
                if (response.StatusCode != expected)
                {
                    wrong.Add($"GET sort={sort}&q={q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        foreach (
            var (title, expected) in new[]
            {
                ("x", HttpStatusCode.Created),
                ("a\u0000b", HttpStatusCode.BadRequest),
                ("x", HttpStatusCode.Created),
            }
        )
        {
            using var response = await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title });
            if (response.StatusCode != expected)
            {
                wrong.Add($"POST title={title}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }
}
