using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tokens.RevokeToken;

public class RevokeTokenTests
{
    [Test]
    public async Task A_revoked_token_stops_working_at_once()
    {
        var client = await ApiClient.SignUpAsync();
        var created = await client.PostAsync("me/tokens", new { name = "cli" });
        var pat = ApiClient.WithBearer(created.GetProperty("token").GetString()!);
        await ApiClient.Send(pat, HttpMethod.Get, "me", null, HttpStatusCode.OK);

        var response = await client.SendRawAsync(HttpMethod.Delete, $"me/tokens/{created.GetProperty("id").GetGuid()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await pat.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.SendRawAsync(HttpMethod.Delete, $"me/tokens/{created.GetProperty("id").GetGuid()}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
    }

    [Test]
    public async Task A_token_can_revoke_itself()
    {
        var client = await ApiClient.SignUpAsync();
        var created = await client.PostAsync("me/tokens", new { name = "leaked" });
        var pat = ApiClient.WithBearer(created.GetProperty("token").GetString()!);

        await ApiClient.Send(pat, HttpMethod.Delete, $"me/tokens/{created.GetProperty("id").GetGuid()}", null, HttpStatusCode.NoContent);

        await (await pat.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Another_user_cannot_revoke_my_token()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var created = await owner.PostAsync("me/tokens", new { name = "mine" });

        var response = await stranger.SendRawAsync(HttpMethod.Delete, $"me/tokens/{created.GetProperty("id").GetGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        await ApiClient.Send(
            ApiClient.WithBearer(created.GetProperty("token").GetString()!),
            HttpMethod.Get,
            "me",
            null,
            HttpStatusCode.OK
        );
        Assert.That((await owner.GetAsync("me/tokens")).GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_malformed_id_is_400()
    {
        var client = await ApiClient.SignUpAsync();

        await (await client.SendRawAsync(HttpMethod.Delete, "me/tokens/123")).AssertProblemAsync(HttpStatusCode.BadRequest, "tokenId");
    }
}
