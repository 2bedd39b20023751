using System.Net;
using System.Security.Claims;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth.CompleteOidcSignIn;

public class CompleteOidcSignInTests
{
    [Test]
    public async Task A_sign_in_started_on_one_host_completes_on_another_and_creates_a_verified_user()
    {
        var (a, b, _, _) = await OidcTestKit.HostsAsync();
        var login = OidcTestKit.NewLogin();

        // Behind the balancer the provider's redirect may reach any host: state and nonce were sealed by A, opened by B.
        var returned = await OidcTestKit.WalkToCallbackAsync(a, login, returnTo: "/p/some-project");
        using var callback = await OidcTestKit.CallbackAsync(b, returned.Callback, returned.CookieHeader);
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await callback.Content.ReadAsStringAsync());
        var location = callback.Headers.Location!.OriginalString;
        Assert.That(location, Does.StartWith("/signin?returnTo=%2Fp%2Fsome-project#oidc-code="));

        var (token, me) = await OidcTestKit.ExchangeAsync(a, OidcTestKit.CodeIn(callback)!);
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(login));
            Assert.That(me.GetProperty("emailVerified").GetBoolean(), Is.True);
            Assert.That(token, Has.Length.EqualTo(SessionStore.TokenLength), "the same opaque session as a password sign-in");
            Assert.That(location, Does.Not.Contain(token), "no session token in a URL");
        });
    }

    [Test]
    public async Task A_verified_email_signs_in_to_the_existing_password_account_whose_password_still_works()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var existing = await ApiClient.SignUpAsync();

        var (_, me) = await OidcTestKit.SignInAsync(a, existing.Email.ToUpperInvariant());

        Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(existing.UserId));
        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/login",
            new { email = existing.Email, password = "correct horse" },
            HttpStatusCode.OK
        );
    }

    [Test]
    public async Task An_unverified_email_never_reaches_an_existing_account_nor_makes_one()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var existing = await ApiClient.SignUpAsync();
        var fresh = OidcTestKit.NewLogin();

        foreach (var login in new[] { existing.Email + "#unverified", fresh + "#unverified" })
        {
            var returned = await OidcTestKit.WalkToCallbackAsync(a, login);
            using var callback = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);
            var problem = await callback.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("has not verified"));
            Assert.That(OidcTestKit.CodeIn(callback), Is.Null);
        }

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(
            await db.ExecuteScalarAsync<int>(
                "select count(*) from users where email_normalized = @e",
                new { e = fresh.ToUpperInvariant() }
            ),
            Is.Zero
        );
    }

    [Test]
    public async Task The_fixed_dev_user_with_an_unverified_email_is_refused()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();

        var returned = await OidcTestKit.WalkToCallbackAsync(a, "bob");
        using var callback = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);

        await callback.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_wrong_state_is_a_400_and_no_session()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var mine = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());
        var other = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());

        // Forged state, and another sign-in's state with this browser's cookies (a login CSRF).
        var forged = WithQuery(mine.Callback, "state", "forged");
        var swapped = WithQuery(mine.Callback, "state", Query(other.Callback, "state"));
        foreach (var callback in new[] { forged, swapped })
        {
            using var response = await OidcTestKit.CallbackAsync(a, callback, mine.CookieHeader);
            await AssertRefusedAsync(response);
        }
    }

    [Test]
    public async Task A_wrong_nonce_is_a_400_and_no_session()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var mine = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());
        var other = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());

        // State and correlation are this sign-in's; the nonce cookie is another's, so the id token's nonce matches none.
        const string nonce = ".AspNetCore.OpenIdConnect.Nonce.";
        var cookies = mine
            .Cookies.Where(c => !c.Key.StartsWith(nonce, StringComparison.Ordinal))
            .Concat(other.Cookies.Where(c => c.Key.StartsWith(nonce, StringComparison.Ordinal)));
        using var response = await OidcTestKit.CallbackAsync(
            a,
            mine.Callback,
            string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"))
        );

        await AssertRefusedAsync(response);
    }

    [Test]
    public async Task A_replayed_code_is_a_400_and_no_second_session()
    {
        var (a, b, _, _) = await OidcTestKit.HostsAsync();
        var returned = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());
        using var first = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);
        Assert.That(OidcTestKit.CodeIn(first), Is.Not.Null);

        // The same callback again, cookies and all, on either host: the provider refuses the spent code.
        foreach (var host in new[] { a, b })
        {
            using var replay = await OidcTestKit.CallbackAsync(host, returned.Callback, returned.CookieHeader);
            await AssertRefusedAsync(replay);
        }
    }

    [Test]
    public async Task A_callback_without_the_start_cookies_is_a_400()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var returned = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());

        using var response = await OidcTestKit.CallbackAsync(a, returned.Callback, "");

        await AssertRefusedAsync(response);
    }

    [Test]
    public async Task The_callback_sets_no_cookie_that_signs_in_to_the_API()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var returned = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin());
        using var callback = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);
        Assert.That(OidcTestKit.CodeIn(callback), Is.Not.Null);

        var set = callback.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.That(set, Is.All.Contains("expires=Thu, 01 Jan 1970"), "only the correlation and nonce cookies, deleted");

        // Whatever cookies the browser holds, the API knows only bearer tokens.
        using var http = a.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "me");
        request.Headers.Add("Cookie", returned.CookieHeader);
        using var me = await http.SendAsync(request);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Only_a_path_of_the_app_is_a_place_to_return_to()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();

        foreach (var returnTo in new[] { "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)" })
        {
            var returned = await OidcTestKit.WalkToCallbackAsync(a, OidcTestKit.NewLogin(), returnTo);
            using var callback = await OidcTestKit.CallbackAsync(a, returned.Callback, returned.CookieHeader);
            Assert.That(callback.Headers.Location?.OriginalString, Does.StartWith("/signin?returnTo=%2F#oidc-code="), returnTo);
        }
    }

    [Test]
    public async Task A_mapped_group_makes_a_member_with_its_role_and_never_demotes_an_owner()
    {
        var (a, _, workspace, owner) = await OidcTestKit.HostsAsync();
        var both = OidcTestKit.NewLogin("#groups=tasklane-viewers,tasklane-admins");
        var viewer = OidcTestKit.NewLogin("#groups=tasklane-viewers");

        var (_, admin) = await OidcTestKit.SignInAsync(a, both);
        var (_, watcher) = await OidcTestKit.SignInAsync(a, viewer);
        // The workspace's owner is in the viewers' group at the provider: still the owner.
        await OidcTestKit.SignInAsync(a, owner.Email + "#groups=tasklane-viewers");

        var members = await owner.GetAsync($"workspaces/{workspace}/members");
        string RoleOf(Guid user) =>
            members
                .GetProperty("items")
                .EnumerateArray()
                .Single(m => m.GetProperty("userId").GetGuid() == user)
                .GetProperty("role")
                .GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(RoleOf(admin.GetProperty("id").GetGuid()), Is.EqualTo("admin"), "the highest of the mapped roles");
            Assert.That(RoleOf(watcher.GetProperty("id").GetGuid()), Is.EqualTo("viewer"));
            Assert.That(RoleOf(owner.UserId), Is.EqualTo("owner"));
        });
    }

    [Test]
    public async Task A_user_with_two_factor_authentication_is_signed_in_by_the_provider_alone()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var user = await ApiClient.SignUpAsync();
        await TwoFactorTestKit.EnableAsync(user);

        var (_, me) = await OidcTestKit.SignInAsync(a, user.Email);

        Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(user.UserId));
    }

    [Test]
    public void Only_a_verified_email_is_an_identity()
    {
        static Claim[] Claims(string? email, string? verified) =>
            [
                .. email is null ? [] : new[] { new Claim("email", email) },
                .. verified is null ? [] : new[] { new Claim("email_verified", verified) },
            ];

        Assert.Multiple(() =>
        {
            Assert.That(
                CompleteOidcSignInDecision.Decide("P", Claims("a@example.com", "true")).Identity?.Email,
                Is.EqualTo("a@example.com")
            );
            Assert.That(CompleteOidcSignInDecision.Decide("P", Claims("a@example.com", "True")).Identity, Is.Not.Null);
            Assert.That(CompleteOidcSignInDecision.Decide("P", Claims("a@example.com", "false")).Problem?.Status, Is.EqualTo(403));
            Assert.That(CompleteOidcSignInDecision.Decide("P", Claims("a@example.com", null)).Problem?.Status, Is.EqualTo(403));
            Assert.That(CompleteOidcSignInDecision.Decide("P", Claims(null, "true")).Problem?.Status, Is.EqualTo(403));
            Assert.That(CompleteOidcSignInDecision.Decide("P", Claims("not an address", "true")).Problem?.Status, Is.EqualTo(403));
        });
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(OidcTestKit.CodeIn(response), Is.Null, "no session");
    }

    private static string Query(Uri uri, string name) =>
        System.Web.HttpUtility.ParseQueryString(uri.Query)[name] ?? throw new AssertionException($"no {name} in {uri}");

    private static Uri WithQuery(Uri uri, string name, string value)
    {
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        query[name] = value;
        return new UriBuilder(uri) { Query = query.ToString() }.Uri;
    }
}
