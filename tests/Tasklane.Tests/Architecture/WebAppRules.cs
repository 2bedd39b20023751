using System.Text.RegularExpressions;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// The web app (src/Tasklane.Web) talks to the API only through the typed client (issue 21): no hand-made HTTP request, no
/// API path written by hand, no JavaScript of its own but what C# cannot do (<see cref="JavaScriptAllowed"/>), and that
/// sends nothing over the network. The few files that hold an HttpClient say why in <see cref="HttpAllowed"/>.
/// </summary>
public static partial class WebAppRules
{
    /// <summary>Files (relative to the project, '/' separated) that may use raw HTTP types, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> HttpAllowed = new Dictionary<string, string>
    {
        ["Program.cs"] = "creates the one HttpClient the typed client sends through",
        ["Services/SessionHandler.cs"] = "the DelegatingHandler that puts the session's token on the API's requests",
        ["Services/LiveStream.cs"] =
            "hands that HttpClient to the typed client's stream reader (WorkspaceEvents), which Kiota cannot describe",
        ["Services/ObjectStore.cs"] = "the presigned PUT to the object store, which is not the API, with its own HttpClient and no token",
    };

    /// <summary>The app's own JavaScript files (relative to the project), and why C# cannot do their work.</summary>
    public static readonly IReadOnlyDictionary<string, string> JavaScriptAllowed = new Dictionary<string, string>
    {
        ["wwwroot/app.js"] =
            "applies the chosen theme before the first paint (the .NET runtime starts a second later: a dark page would flash "
            + "white) and listens for the keyboard shortcuts on the whole document, which Blazor's events cannot reach",
    };

    /// <summary>What breaks the rules in the web project at <paramref name="project"/>: "file: what".</summary>
    public static List<string> Violations(string project)
    {
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            var extension = Path.GetExtension(file);
            if (extension is ".js" or ".mjs")
            {
                if (JavaScriptAllowed.ContainsKey(relative))
                {
                    violations.AddRange(
                        JsNetwork().Matches(File.ReadAllText(file)).Select(m => $"{relative}: network from JavaScript ({m.Value})")
                    );
                }
                else
                {
                    violations.Add($"{relative}: JavaScript of the app's own (write it in C#)");
                }

                continue;
            }

            if (extension is not (".cs" or ".razor" or ".html"))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (extension == ".html")
            {
                violations.AddRange(
                    Script()
                        .Matches(text)
                        .Where(m => !m.Value.Contains(" src=", StringComparison.Ordinal))
                        .Select(m => $"{relative}: inline script {m.Value}")
                );
                continue;
            }

            if (!HttpAllowed.ContainsKey(relative))
            {
                violations.AddRange(RawHttp().Matches(text).Select(m => m.Value).Distinct().Select(m => $"{relative}: raw HTTP ({m})"));
            }

            violations.AddRange(ApiPath().Matches(text).Select(m => $"{relative}: an API path written by hand ({m.Value})"));
            violations.AddRange(JsHttp().Matches(text).Select(m => $"{relative}: HTTP through JavaScript ({m.Value})"));
        }

        return violations;
    }

    [GeneratedRegex(
        @"\b(HttpClient|HttpRequestMessage|HttpMethod|HttpCompletionOption|GetFromJsonAsync|PostAsJsonAsync|SendAsync|GetStringAsync|GetStreamAsync)\b"
    )]
    private static partial Regex RawHttp();

    [GeneratedRegex(@"[""']/?api/v\d[^""']*[""']")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"[""'](fetch|XMLHttpRequest|EventSource|eval|Function)[""']")]
    private static partial Regex JsHttp();

    [GeneratedRegex(
        @"\b(fetch|XMLHttpRequest|EventSource|WebSocket|sendBeacon|import|eval|Function)\s*\(|\bnew\s+(XMLHttpRequest|EventSource|WebSocket|Function)\b"
    )]
    private static partial Regex JsNetwork();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex Script();
}
