using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tokens.ListTokens;

public class ListTokensTests
{
    [Test]
    public async Task Lists_only_the_callers_live_tokens_without_values_a_page_at_a_time()
    {
        var ann = await ApiClient.SignUpAsync();
        var bob = await ApiClient.SignUpAsync();
        var first = await ann.PostAsync("me/tokens", new { name = "one" });
        var second = await ann.PostAsync("me/tokens", new { name = "two" });
        var revoked = await ann.PostAsync("me/tokens", new { name = "three" });
        await bob.PostAsync("me/tokens", new { name = "bob's" });
        await ann.SendRawAsync(HttpMethod.Delete, $"me/tokens/{revoked.GetProperty("id").GetGuid()}");

        var page1 = await ann.GetAsync("me/tokens?limit=1");
        var page2 = await ann.GetAsync($"me/tokens?limit=1&after={page1.GetProperty("nextCursor").GetString()}");

        var items = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(
                items.Select(t => t.GetProperty("id").GetGuid()),
                Is.EqualTo(new[] { first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid() })
            );
            Assert.That(items.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "one", "two" }));
            Assert.That(items.Any(t => t.TryGetProperty("token", out _)), Is.False, "values are shown only on creation");
            Assert.That(page2.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Bad_paging_is_400()
    {
        var client = await ApiClient.SignUpAsync();

        await (await client.Http.GetAsync("me/tokens?limit=500")).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}
