using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Auth;

/// <summary>
/// OpenID Connect sign-in against the run's real OpenID provider (npm oidc-provider, tools/oidc, started by services.sh), walked
/// with plain HTTP as a browser would: start on a host, the provider's login and consent forms, the callback. Two API hosts
/// (A and B) with the provider configured as <c>dev</c> serve every OIDC test; the run's own hosts have no provider.
/// </summary>
public static partial class OidcTestKit
{
    public const string Provider = "dev";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static (TasklaneHosts A, TasklaneHosts B, Guid MappedWorkspace, ApiClient Owner)? _hosts;

    /// <summary>The dev provider's issuer, or the test is ignored (the Testcontainers backend starts no provider).</summary>
    public static string Issuer =>
        TestEnvironment.Services.Configuration.TryGetValue("OidcDev:Issuer", out var issuer) && issuer is not null
            ? issuer
            : throw new IgnoreException("No development OpenID provider in this run (services.sh starts one; containers do not).");

    /// <summary>
    /// Hosts A and B with the provider, and the workspace whose roles its settings map: <c>groups</c> holding
    /// <c>tasklane-admins</c> makes an admin, <c>tasklane-viewers</c> a viewer. Started once, stopped with the run.
    /// </summary>
    public static async Task<(TasklaneHosts A, TasklaneHosts B, Guid MappedWorkspace, ApiClient Owner)> HostsAsync()
    {
        var issuer = Issuer;
        await Starting.WaitAsync();
        try
        {
            if (_hosts is null)
            {
                var owner = await ApiClient.SignUpAsync();
                var workspace = await owner.CreateWorkspaceAsync("Mapped by OIDC");
                var settings = Settings(issuer, workspace);
                var a = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
                var b = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false, settings: settings);
                TestEnvironment.OnStop(async () =>
                {
                    await b.DisposeAsync();
                    await a.DisposeAsync();
                });
                _hosts = (a, b, workspace, owner);
            }

            return _hosts.Value;
        }
        finally
        {
            Starting.Release();
        }
    }

    public static Dictionary<string, string?> Settings(string issuer, Guid mappedWorkspace) =>
        new()
        {
            ["Oidc:Providers:0:Id"] = Provider,
            ["Oidc:Providers:0:Name"] = "Dev provider",
            ["Oidc:Providers:0:Authority"] = issuer,
            ["Oidc:Providers:0:ClientId"] = "tasklane",
            ["Oidc:Providers:0:ClientSecret"] = "tasklane-dev-secret",
            ["Oidc:Providers:0:Scopes"] = "openid email profile groups",
            ["Oidc:Providers:0:RoleMappings:0:Claim"] = "groups",
            ["Oidc:Providers:0:RoleMappings:0:Value"] = "tasklane-admins",
            ["Oidc:Providers:0:RoleMappings:0:Workspace"] = mappedWorkspace.ToString(),
            ["Oidc:Providers:0:RoleMappings:0:Role"] = "admin",
            ["Oidc:Providers:0:RoleMappings:1:Claim"] = "groups",
            ["Oidc:Providers:0:RoleMappings:1:Value"] = "tasklane-viewers",
            ["Oidc:Providers:0:RoleMappings:1:Workspace"] = mappedWorkspace.ToString(),
            ["Oidc:Providers:0:RoleMappings:1:Role"] = "viewer",
        };

    /// <summary>A login the dev provider turns into a user with a fresh, verified email (server.js: <c>EMAIL[#flags]</c>).</summary>
    public static string NewLogin(string flags = "") => $"oidc-{Guid.NewGuid():N}@example.com{flags}";

    /// <summary>A started sign-in that came back from the provider: the callback URL and the cookies the start set.</summary>
    public sealed record Returned(Uri Callback, IReadOnlyDictionary<string, string> Cookies)
    {
        public string CookieHeader => string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}"));

        /// <summary>The callback as it would reach <paramref name="host"/> (behind a balancer: any host of the deployment).</summary>
        public Uri On(TasklaneHosts host) => new UriBuilder(Callback) { Host = host.BaseAddress.Host, Port = host.BaseAddress.Port }.Uri;
    }

    /// <summary>GET start on <paramref name="host"/>, then the provider's login (as <paramref name="login"/>) and consent.</summary>
    public static async Task<Returned> WalkToCallbackAsync(TasklaneHosts host, string login, string returnTo = "/")
    {
        using var api = NoRedirects(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var start = await api.GetAsync(
            new Uri(host.BaseAddress, $"/api/v1/auth/oidc/{Provider}/start?returnTo={Uri.EscapeDataString(returnTo)}")
        );
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Found), await start.Content.ReadAsStringAsync());
        var cookies = start.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(c => c[0], c => c[1]);

        // The provider's own cookies (its interaction and session) in a jar of their own, as a browser keeps them per site.
        using var provider = NoRedirects(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var next = start.Headers.Location!;
        var issuer = new Uri(Issuer);
        for (var step = 0; step < 20; step++)
        {
            if (next.Authority != issuer.Authority)
            {
                return new Returned(next, cookies);
            }

            using var response = await provider.GetAsync(next);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // An interaction page: the dev interactions' login form, then the consent form, both posted back to itself.
                var page = await response.Content.ReadAsStringAsync();
                var prompt = PromptField().Match(page).Groups[1].Value;
                var form =
                    prompt == "login"
                        ? new Dictionary<string, string>
                        {
                            ["prompt"] = "login",
                            ["login"] = login,
                            ["password"] = "any",
                        }
                        : new Dictionary<string, string> { ["prompt"] = prompt };
                using var submitted = await provider.PostAsync(next, new FormUrlEncodedContent(form));
                next = Resolve(next, submitted);
                continue;
            }

            next = Resolve(next, response);
        }

        throw new AssertionException("The provider did not send the browser back within 20 steps.");
    }

    /// <summary>GET the callback on <paramref name="host"/> with the start's cookies.</summary>
    public static async Task<HttpResponseMessage> CallbackAsync(TasklaneHosts host, Uri callback, string cookieHeader)
    {
        using var api = NoRedirects(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new UriBuilder(callback) { Host = host.BaseAddress.Host, Port = host.BaseAddress.Port }.Uri
        );
        if (cookieHeader.Length > 0)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }

        var response = await api.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The single-use code in the landing URL the callback redirected to, or null.</summary>
    public static string? CodeIn(HttpResponseMessage callback) =>
        callback.Headers.Location?.OriginalString is { } location
        && location.IndexOf("#oidc-code=", StringComparison.Ordinal) is var at and >= 0
            ? location[(at + "#oidc-code=".Length)..]
            : null;

    /// <summary>The code's session, exchanged on <paramref name="host"/>: (token, the user as GET /me shows them).</summary>
    public static async Task<(string Token, JsonElement Me)> ExchangeAsync(TasklaneHosts host, string code)
    {
        using var http = host.CreateClient();
        var session = await ApiClient.Send(http, HttpMethod.Post, "auth/oidc/session", new { code }, HttpStatusCode.OK);
        var token = session.GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (token, await ApiClient.Send(http, HttpMethod.Get, "me", null, HttpStatusCode.OK));
    }

    /// <summary>The whole sign-in on <paramref name="host"/>: start, provider, callback, exchange.</summary>
    public static async Task<(string Token, JsonElement Me)> SignInAsync(TasklaneHosts host, string login)
    {
        var returned = await WalkToCallbackAsync(host, login);
        using var callback = await CallbackAsync(host, returned.Callback, returned.CookieHeader);
        var code = CodeIn(callback);
        Assert.That(code, Is.Not.Null, $"{callback.StatusCode} {await callback.Content.ReadAsStringAsync()}");
        return await ExchangeAsync(host, code!);
    }

    private static HttpClient NoRedirects(HttpClientHandler handler) => new(handler, disposeHandler: true);

    private static Uri Resolve(Uri from, HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? new Uri(from, location)
            : throw new AssertionException($"The provider answered {(int)response.StatusCode} without a redirect at {from}.");

    [GeneratedRegex("name=\"prompt\" value=\"(\\w+)\"")]
    private static partial Regex PromptField();
}
