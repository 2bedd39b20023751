using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Tasklane.Tests.Support;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 body with the status, a trace id, no stack trace and, if named, an error for each field.</summary>
    public static async Task<JsonElement> AssertProblemAsync(
        this HttpResponseMessage response,
        HttpStatusCode status,
        params string[] fields
    )
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(problem.TryGetProperty("title", out _), Is.True, text);
            Assert.That(problem.TryGetProperty("traceId", out _), Is.True, text);
            Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception type leaks");
        });
        foreach (var field in fields)
        {
            Assert.That(
                problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                Is.True,
                $"expected a field error for '{field}': {text}"
            );
        }

        return problem;
    }

    /// <summary>The messages of <paramref name="problem"/>'s errors for <paramref name="field"/> (none when it has none).</summary>
    public static string[] ErrorsOf(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [];
}
