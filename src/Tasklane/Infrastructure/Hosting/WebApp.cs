using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Infrastructure.Hosting;

/// <summary>
/// Serves the single-page web app (src/Tasklane.Web, copied to <c>wwwroot/</c> beside the binaries) at <c>/</c>.
/// Client routes are URL fragments (<c>#/projects/…</c>), so no fallback route is needed and every unknown
/// path, /api/… included, keeps its ProblemDetails 404. <c>Web:Root</c> overrides the folder; a missing one
/// (a host built without the app) simply serves no app.
/// </summary>
public static class WebApp
{
    public static WebApplication UseTasklaneWebApp(this WebApplication app)
    {
        var root = app.Configuration["Web:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        var csp = ContentSecurityPolicy(app.Services.GetRequiredService<StorageOptions>());
        // Not in front of the API: looking a request path up on disk is a stat call per request, the largest single cost
        // of a cached read in a perf profile (docs/benchmarks.md).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), web => web.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files }).UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // Small files, no fingerprinting: revalidate (ETag) so a deploy is picked up at once.
                headers.CacheControl = "no-cache";
            },
        }));
        return app;
    }

    /// <summary>No inline script or style; fetch may reach the API (same origin) and the object store (presigned uploads/downloads).</summary>
    public static string ContentSecurityPolicy(StorageOptions storage)
    {
        var store = storage.ServiceUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : "https://*.amazonaws.com";
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' {store}; " +
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
