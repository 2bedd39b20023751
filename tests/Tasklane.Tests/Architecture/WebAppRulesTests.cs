using NUnit.Framework;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// <see cref="WebAppRules"/> on the web project, and on planted violations (a rule that cannot fail keeps nothing honest).
/// </summary>
public class WebAppRulesTests
{
    private static string WebProject => Path.Combine(ArchitectureTests.Root, "src", "Tasklane.Web");

    [Test]
    public void The_web_app_calls_the_API_only_through_the_typed_client() => Assert.That(WebAppRules.Violations(WebProject), Is.Empty);

    [Test]
    public void Every_file_allowed_raw_HTTP_or_JavaScript_exists() =>
        Assert.That(
            WebAppRules.HttpAllowed.Keys.Concat(WebAppRules.JavaScriptAllowed.Keys).Where(f => !File.Exists(Path.Combine(WebProject, f))),
            Is.Empty,
            "a stale exemption"
        );

    [Test]
    public void The_rule_reports_planted_violations()
    {
        var project = Path.Combine(Path.GetTempPath(), "tl-web-rules-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(project, "Pages"));
            Directory.CreateDirectory(Path.Combine(project, "Services"));
            Directory.CreateDirectory(Path.Combine(project, "wwwroot"));
            Directory.CreateDirectory(Path.Combine(project, "obj"));
            File.WriteAllText(
                Path.Combine(project, "Pages", "Board.razor"),
                "@code { async Task Load() => await new HttpClient().GetStringAsync(\"/api/v1/projects\"); }"
            );
            File.WriteAllText(
                Path.Combine(project, "Pages", "Task.razor"),
                "@code { Task Load() => Js.InvokeAsync<object>(\"fetch\", url); }"
            );
            File.WriteAllText(Path.Combine(project, "Services", "ObjectStore.cs"), "class ObjectStore { HttpClient _store = new(); }");
            File.WriteAllText(Path.Combine(project, "wwwroot", "interop.js"), "export const x = 1;");
            File.WriteAllText(Path.Combine(project, "wwwroot", "app.js"), "document.title = 'x'; fetch ('/api/v1/me'); new WebSocket(u);");
            File.WriteAllText(
                Path.Combine(project, "wwwroot", "index.html"),
                "<script src=\"_framework/blazor.webassembly.js\"></script><script type=\"importmap\">{}</script>"
            );
            File.WriteAllText(Path.Combine(project, "obj", "Generated.cs"), "class G { HttpClient h; }");

            Assert.That(
                WebAppRules.Violations(project).Order(),
                Is.EqualTo(
                    new[]
                    {
                        "Pages/Board.razor: an API path written by hand (\"/api/v1/projects\")",
                        "Pages/Board.razor: raw HTTP (GetStringAsync)",
                        "Pages/Board.razor: raw HTTP (HttpClient)",
                        "Pages/Task.razor: HTTP through JavaScript (\"fetch\")",
                        "wwwroot/app.js: network from JavaScript (fetch ()",
                        "wwwroot/app.js: network from JavaScript (new WebSocket)",
                        "wwwroot/index.html: inline script <script type=\"importmap\">",
                        "wwwroot/interop.js: JavaScript of the app's own (write it in C#)",
                    }
                )
            );
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
