using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Auth;

/// <summary>One OpenIdConnect handler per configured provider (<see cref="OidcProviders"/>); none without providers.</summary>
public static class OidcSetup
{
    /// <summary>The Data Protection key ring's Redis key; every API host reads and writes the same ring.</summary>
    public const string KeyRingKey = "data-protection:keys";

    public static AuthenticationBuilder AddTasklaneOidc(this AuthenticationBuilder auth, IConfiguration config)
    {
        var providers = OidcProviders.Load(config);
        if (providers.Count == 0)
        {
            return auth;
        }

        // The handler seals its state (and the nonce cookie's name) with Data Protection; the callback may come back to
        // any host, so all of them share one key ring in the shared Redis, under one application name whatever folder
        // each host runs from. The keys are not encrypted at rest: whoever can read Redis can already read its sessions.
        auth.Services.AddDataProtection().SetApplicationName("Tasklane");
        auth.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>(
                (o, redis) => o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey)
            );

        foreach (var provider in providers)
        {
            auth.AddOpenIdConnect(provider.Scheme, provider.Name, o => Configure(o, provider));
        }

        return auth;
    }

    private static void Configure(OpenIdConnectOptions o, OidcProvider provider)
    {
        o.Authority = provider.Authority;
        o.RequireHttpsMetadata = !OidcProviders.IsLoopbackHttp(provider.Authority);
        o.ClientId = provider.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(provider.ClientSecret) ? null : provider.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
        // (a form post from the provider's site would need SameSite=None, which browsers take only with Secure).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request is https; plain http only for a host reached without TLS (./run.sh, tests).
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.CallbackPath = provider.CallbackPath;
        // No remote sign-out: there is no cookie session to end, and the handler's default paths would try to sign out of
        // the bearer scheme, which cannot.
        o.RemoteSignOutPath = PathString.Empty;
        o.SignedOutCallbackPath = PathString.Empty;
        o.Scope.Clear();
        foreach (var scope in provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("openid").Distinct())
        {
            o.Scope.Add(scope);
        }

        // Claims as the provider names them (email, email_verified, groups), from the id token and from userinfo, where
        // many providers put everything but the subject. The defaults take email and name from userinfo; the rest is named
        // here, and an array (groups) becomes one claim per element.
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        foreach (var claim in provider.RoleMappings.Select(m => m.Claim).Distinct())
        {
            o.ClaimActions.MapJsonKey(claim, claim);
        }

        o.SaveTokens = false;
        o.DisableTelemetry = true;
        o.EventsType = typeof(OidcEvents);
    }
}
