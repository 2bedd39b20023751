using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// docs/openapi.json is the API contract a client team generates from; a change to it must show up in review.
/// Regenerate with scripts/openapi.sh when the change is intended.
/// </summary>
public class OpenApiTests
{
    private static async Task<JsonNode> LiveDocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        return JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
    }

    [Test]
    public async Task The_checked_in_document_matches_the_endpoints()
    {
        var live = (await LiveDocumentAsync()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(TestServices.RepoRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("TASKLANE_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }

        var checkedIn = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.That(live, Is.EqualTo(checkedIn), "docs/openapi.json is out of date: run scripts/openapi.sh and review the diff.");
    }

    [Test]
    public async Task Every_operation_documents_its_success_body_and_errors()
    {
        var document = await LiveDocumentAsync();

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                var name = $"{method.ToUpperInvariant()} {path}";
                // Success is a 2xx, or a redirect for downloads (GET /attachments/{id} answers 302).
                Assert.That(responses.Select(r => r.Key), Has.Some.StartsWith("2").Or.Some.EqualTo("302"), name);
                Assert.That(responses.Select(r => r.Key), Does.Contain("400"), name);
                Assert.That(operation["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Contain("_"), name);
            }
        }

        Assert.That(document.ToJsonString(), Does.Not.Contain("IResult"), "an endpoint returning IResult needs [ProducesResponseType]");
    }

    [Test]
    public async Task The_reference_page_is_served_at_docs()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };

        var response = await http.GetAsync("/docs");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            await response.Content.ReadAsStringAsync(),
            Does.Contain("openapi/v1.json"),
            "Scalar resolves the document against the application root"
        );
    }
}
