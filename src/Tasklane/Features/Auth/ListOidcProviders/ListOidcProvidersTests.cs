using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.ListOidcProviders;

public class ListOidcProvidersTests
{
    [Test]
    public async Task The_configured_providers_are_listed_to_anyone_with_where_to_start()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        using var http = a.CreateClient();

        var providers = await ApiClient.Send(http, HttpMethod.Get, "auth/oidc/providers", null, HttpStatusCode.OK);

        var dev = providers.GetProperty("providers").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(dev.GetProperty("id").GetString(), Is.EqualTo(OidcTestKit.Provider));
            Assert.That(dev.GetProperty("name").GetString(), Is.EqualTo("Dev provider"));
            Assert.That(dev.GetProperty("startPath").GetString(), Is.EqualTo("/api/v1/auth/oidc/dev/start"));
        });
    }

    [Test]
    public async Task Without_providers_the_list_is_empty_and_every_other_route_of_the_feature_is_404()
    {
        // The run's own hosts have no provider configured.
        using var http = ApiClient.Anonymous();

        var providers = await ApiClient.Send(http, HttpMethod.Get, "auth/oidc/providers", null, HttpStatusCode.OK);
        using var start = await http.GetAsync("auth/oidc/dev/start");
        using var callback = await http.GetAsync("auth/oidc/dev/callback?code=x&state=y");
        using var session = await http.PostAsJsonAsync("auth/oidc/session", new { code = "x" });

        Assert.That(providers.GetProperty("providers").GetArrayLength(), Is.Zero);
        await start.AssertProblemAsync(HttpStatusCode.NotFound);
        await callback.AssertProblemAsync(HttpStatusCode.NotFound);
        await session.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
