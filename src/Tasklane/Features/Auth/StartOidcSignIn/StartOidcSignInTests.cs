using System.Net;
using System.Web;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.StartOidcSignIn;

public class StartOidcSignInTests
{
    [Test]
    public async Task Start_sends_the_browser_to_the_provider_with_PKCE_state_and_nonce()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var start = await http.GetAsync(new Uri(a.BaseAddress, "/api/v1/auth/oidc/dev/start"));

        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var location = start.Headers.Location!;
        var cookies = start.Headers.GetValues("Set-Cookie").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(location.GetLeftPart(UriPartial.Authority), Is.EqualTo(OidcTestKit.Issuer));
            Assert.That(cookies, Has.Some.StartsWith(".AspNetCore.Correlation."));
            Assert.That(cookies, Has.Some.StartsWith(".AspNetCore.OpenIdConnect.Nonce."));
            Assert.That(cookies, Has.All.Contains("httponly").And.All.Contains("samesite=lax"));
        });

        // The parameters themselves went to the provider by a pushed authorization request (PAR), which it advertises;
        // without it they would be in this URL.
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.That(query["request_uri"] ?? query["code_challenge"], Is.Not.Null);
    }

    [Test]
    public async Task An_unknown_provider_is_404()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        using var http = a.CreateClient();

        using var response = await http.GetAsync("auth/oidc/nope/start");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_handlers_sign_out_paths_are_not_served()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        using var http = new HttpClient { BaseAddress = a.BaseAddress };

        // The handler's defaults would try to sign out of the bearer scheme (a 500); there is no cookie session to end.
        using var signOut = await http.GetAsync("/signout-oidc");
        using var signedOut = await http.GetAsync("/signout-callback-oidc");

        Assert.That((int)signOut.StatusCode, Is.LessThan(500));
        Assert.That((int)signedOut.StatusCode, Is.LessThan(500));
    }
}
