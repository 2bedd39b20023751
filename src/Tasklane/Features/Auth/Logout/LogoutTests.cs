using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.Logout;

public class LogoutTests
{
    [Test]
    public async Task After_logout_the_token_no_longer_works()
    {
        var client = await ApiClient.SignUpAsync();
        await client.GetAsync("me");

        await client.PostAsync("auth/logout", null, HttpStatusCode.NoContent);

        var response = await client.Http.GetAsync("me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }
}
