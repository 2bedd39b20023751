using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.ExchangeOidcCode;

public class ExchangeOidcCodeTests
{
    [Test]
    public async Task A_code_is_worth_one_session_on_any_host()
    {
        var (a, b, _, _) = await OidcTestKit.HostsAsync();
        var returned = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());
        using var callback = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);
        var code = OidcTestKit.CodeIn(callback)!;

        await OidcTestKit.ExchangeAsync(b, code);
        using var http = a.CreateClient();
        using var again = await http.PostAsJsonAsync("auth/oidc/session", new { code });

        await again.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_unknown_code_is_401_and_a_missing_one_400()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        using var http = a.CreateClient();

        using var unknown = await http.PostAsJsonAsync("auth/oidc/session", new { code = "not-a-code" });
        using var missing = await http.PostAsJsonAsync("auth/oidc/session", new { });

        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
    }
}
