using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Infrastructure.Auth;

/// <summary>One OpenID provider people may sign in with (section <c>Oidc:Providers:N</c>).</summary>
public sealed class OidcProvider
{
    /// <summary>Names the provider in routes (<c>/auth/oidc/{id}/…</c>): lower-case letters, digits and dashes.</summary>
    public string Id { get; set; } = "";

    /// <summary>What the sign-in button says: "Sign in with {Name}".</summary>
    public string Name { get; set; } = "";

    /// <summary>The issuer; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid email profile";

    public List<OidcRoleMapping> RoleMappings { get; set; } = [];

    /// <summary>The authentication scheme of the provider's OpenIdConnect handler.</summary>
    public string Scheme => "oidc-" + Id;

    /// <summary>Where the provider sends the browser back; the handler answers it (it is no Wolverine endpoint).</summary>
    public string CallbackPath => ApiRoutes.Path($"auth/oidc/{Id}/callback");
}

/// <summary>A user whose claim <see cref="Claim"/> holds <see cref="Value"/> becomes a member of a workspace with a role.</summary>
public sealed class OidcRoleMapping
{
    public string Claim { get; set; } = "";
    public string Value { get; set; } = "";

    /// <summary>The workspace's id.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>admin, member or viewer; owners are made by people, never by a claim.</summary>
    public string Role { get; set; } = "";
}

/// <summary>The configured providers; none means OpenID Connect sign-in is off and its routes answer 404.</summary>
public sealed partial class OidcProviders(IConfiguration config) : ISingletonService
{
    /// <summary>More would not fit a sign-in page; the API documents the bound.</summary>
    public const int Max = 20;

    public IReadOnlyList<OidcProvider> All { get; } = Load(config);

    public OidcProvider? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    public OidcProvider? ForScheme(string scheme) => All.FirstOrDefault(p => p.Scheme == scheme);

    public static List<OidcProvider> Load(IConfiguration config) =>
        config.GetSection("Oidc:Providers").Get<List<OidcProvider>>()?.Where(p => p.Id.Length > 0).ToList() ?? [];

    /// <summary>What is wrong with the <c>Oidc</c> settings, for <c>SettingsValidator</c>.</summary>
    public static IEnumerable<string> Problems(IConfiguration config)
    {
        var seen = new HashSet<string>();
        var sections = config.GetSection("Oidc:Providers").GetChildren().ToList();
        if (sections.Count > Max)
        {
            yield return $"'Oidc:Providers' lists {sections.Count} providers; at most {Max} are offered.";
        }

        foreach (var section in sections)
        {
            var key = section.Path;
            var id = section["Id"] ?? "";
            if (!ProviderId().IsMatch(id))
            {
                yield return $"'{key}:Id' must be 1-32 lower-case letters, digits or dashes (it is part of the callback URL).";
            }
            else if (!seen.Add(id))
            {
                yield return $"'{key}:Id' repeats the provider id '{id}'.";
            }

            if (string.IsNullOrWhiteSpace(section["Name"]))
            {
                yield return $"'{key}:Name' is missing (the sign-in button shows it).";
            }

            if (AuthorityProblem(section["Authority"]) is { } authority)
            {
                yield return $"'{key}:Authority' {authority}";
            }

            if (string.IsNullOrWhiteSpace(section["ClientId"]))
            {
                yield return $"'{key}:ClientId' is missing.";
            }

            foreach (var mapping in section.GetSection("RoleMappings").GetChildren())
            {
                if (string.IsNullOrWhiteSpace(mapping["Claim"]) || string.IsNullOrWhiteSpace(mapping["Value"]))
                {
                    yield return $"'{mapping.Path}' needs a Claim and a Value.";
                }

                if (!Guid.TryParse(mapping["Workspace"], out _))
                {
                    yield return $"'{mapping.Path}:Workspace' must be a workspace id.";
                }

                if (mapping["Role"] is not ("admin" or "member" or "viewer"))
                {
                    yield return $"'{mapping.Path}:Role' must be admin, member or viewer.";
                }
            }
        }

        if (config["Oidc:PublicBaseUrl"] is { Length: > 0 } publicBase && !IsHttpUrl(publicBase))
        {
            yield return "'Oidc:PublicBaseUrl' must be an absolute http(s) URL.";
        }
    }

    /// <summary>
    /// Plain http only on this machine (the development provider); anywhere else the discovery document and the keys that
    /// sign the tokens must come over https.
    /// </summary>
    public static bool IsLoopbackHttp(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && uri.Scheme == "http"
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    private static string? AuthorityProblem(string? authority) =>
        string.IsNullOrWhiteSpace(authority) ? "is missing."
        : !Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? "must be an absolute URL."
        : uri.Scheme == "https" || IsLoopbackHttp(authority) ? null
        : "must be an https URL (plain http only on loopback, for a development provider).";

    private static bool IsHttpUrl(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex ProviderId();
}
