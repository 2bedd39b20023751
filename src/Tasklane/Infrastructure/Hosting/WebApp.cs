using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>
/// Serves the web app (src/Tasklane.Web, Blazor WebAssembly) at <c>/</c>: its published files (<c>wwwroot/</c> beside the
/// binaries) as the endpoints its static web assets manifest (<see cref="ManifestName"/>, beside that folder) describes, so
/// each is sent precompressed (Brotli or gzip, as the browser accepts), with its ETag, and cached for good when its name
/// carries its content hash (everything under <c>_framework/</c>) or revalidated (index.html, styles.css, dotnet.js). The app
/// routes by path (<c>/p/{id}</c>): a GET for any other path that is not a file and not one of the server's own areas
/// (<see cref="ServerAreas"/>) gets index.html; everything else unknown, <c>/api/...</c> included, keeps its ProblemDetails
/// 404. <c>Web:Root</c> names another folder; without the folder or its manifest (a host built without the app) there is no app.
/// </summary>
public static class WebApp
{
    public const string ManifestName = "Tasklane.Web.staticwebassets.endpoints.json";

    /// <summary>First path segments the host itself answers (or, for an optional endpoint turned off, answers 404 to).</summary>
    public static readonly IReadOnlyList<string> ServerAreas = ["api", "health", "metrics", "openapi", "docs"];

    public static WebApplication MapTasklaneWebApp(this WebApplication app)
    {
        var root = app.Configuration["Web:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var manifest = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root))!, ManifestName);
        if (!Directory.Exists(root) || !File.Exists(manifest))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        var csp = ContentSecurityPolicy(app.Services.GetRequiredService<StorageOptions>());
        // The endpoints serve files from the web root.
        app.Environment.WebRootPath = root;
        app.Environment.WebRootFileProvider = files;
        // The manifest is a published one, final: the development mode of MapStaticAssets (re-reading changed files, no
        // caching headers, serving any file of the folder) is for a project's own build output.
        app.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

        // Endpoints, not middleware in front of the API: no request path is looked up on disk (a stat call per request was
        // the largest single cost of a cached read in a perf profile, docs/benchmarks.md).
        app.MapStaticAssets(manifest)
            .Add(endpoint =>
            {
                var serve = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    AddSecurityHeaders(context.Response.Headers, csp);
                    return serve(context);
                };
            });

        var index = ((IEndpointRouteBuilder)app)
            .CreateApplicationBuilder()
            .Use(next =>
                context =>
                {
                    context.Request.Path = "/index.html";
                    context.SetEndpoint(null); // so the static file middleware serves it
                    return next(context);
                }
            )
            .UseStaticFiles(
                new StaticFileOptions
                {
                    FileProvider = files,
                    OnPrepareResponse = context =>
                    {
                        AddSecurityHeaders(context.Context.Response.Headers, csp);
                        // The page names the current files: revalidated (ETag), so a deploy is picked up at once.
                        context.Context.Response.Headers.CacheControl = "no-cache";
                    },
                }
            )
            .Build();
        var clientRoutes = RoutePatternFactory.Parse(
            "{*path:nonfile}",
            defaults: null,
            parameterPolicies: new { path = new ClientRoute() }
        );
        app.Map(clientRoutes, index)
            .WithOrder(int.MaxValue)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithDisplayName("Web app: index.html for the app's own paths");
        return app;
    }

    /// <summary>
    /// No inline script or style, no eval; WebAssembly may be compiled ('wasm-unsafe-eval', which Blazor needs and which lets
    /// no JavaScript be evaluated). fetch may reach the API (same origin) and the object store (presigned uploads/downloads).
    /// base-uri 'self': Blazor resolves its routes and files against <c>&lt;base href="/"&gt;</c>.
    /// </summary>
    public static string ContentSecurityPolicy(StorageOptions storage)
    {
        var store =
            storage.ServiceUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? uri.GetLeftPart(UriPartial.Authority)
                : "https://*.amazonaws.com";
        return $"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' {store}; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers, string csp)
    {
        headers.ContentSecurityPolicy = csp;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>A path the app routes: not in one of the <see cref="ServerAreas"/>.</summary>
    private sealed class ClientRoute : IRouteConstraint
    {
        public bool Match(
            HttpContext? httpContext,
            IRouter? route,
            string routeKey,
            RouteValueDictionary values,
            RouteDirection routeDirection
        )
        {
            var path = values[routeKey] as string ?? "";
            var first = path.Split('/', 2)[0];
            return !ServerAreas.Contains(first, StringComparer.OrdinalIgnoreCase);
        }
    }
}
