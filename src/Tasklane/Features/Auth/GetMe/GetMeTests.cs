using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.GetMe;

public class GetMeTests
{
    [Test]
    public async Task Returns_the_caller()
    {
        var client = await ApiClient.SignUpAsync();

        var me = await client.GetAsync("me");

        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(client.Email));
            Assert.That(me.GetProperty("emailVerified").GetBoolean(), Is.False);
        });
    }

    [TestCase(null)]
    [TestCase("Bearer not-a-real-token")]
    [TestCase("Basic dXNlcjpwYXNz")]
    public async Task Without_a_valid_token_the_answer_is_401(string? authorization)
    {
        var http = ApiClient.Anonymous();
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        await (await http.GetAsync("me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
