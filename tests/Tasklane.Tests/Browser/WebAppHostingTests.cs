using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using NUnit.Framework;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Tests.Browser;

/// <summary>
/// How the API host serves the web app (the published Blazor WebAssembly files); plain HTTP, so these run without a browser.
/// </summary>
public sealed partial class WebAppHostingTests
{
    [TestCase("/")]
    [TestCase("/signin")]
    [TestCase("/p/0190a6f0-0000-7000-8000-000000000000")] // a deep link: the app routes it
    public async Task The_app_is_served_with_a_strict_content_security_policy_and_no_inline_script(string path)
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        using var index = await http.GetAsync(path);
        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(index.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var html = await index.Content.ReadAsStringAsync();
        var scripts = Scripts().Matches(html).Select(m => m.Value).ToArray();
        Assert.That(
            scripts,
            Has.Length.EqualTo(2)
                .And.Exactly(1)
                .EqualTo("<script src=\"app.js\">")
                .And.Exactly(1)
                .Match("^<script src=\"_framework/blazor\\.webassembly\\.[a-z0-9]+\\.js\">"),
            "the app's two script files (blazor.webassembly.js named by its hash): no inline script, no import map"
        );
        var csp = index.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(
            csp,
            Does.Contain("script-src 'self' 'wasm-unsafe-eval';").And.Not.Contain("'unsafe-inline'").And.Not.Contain("'unsafe-eval'")
        );
        Assert.That(
            csp,
            Does.Contain("default-src 'self'")
                .And.Contain("object-src 'none'")
                .And.Contain("frame-ancestors 'none'")
                .And.Contain("base-uri 'self'")
        );
        Assert.That(
            csp,
            Does.Contain(TestEnvironment.Services.Configuration["Storage:ServiceUrl"]!.TrimEnd('/')),
            "uploads go to the object store"
        );
        Assert.That(index.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(index.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(index.Headers.CacheControl?.NoCache, Is.True, "the page names the current files: revalidated");
        Assert.That(index.Headers.ETag, Is.Not.Null);
    }

    [Test]
    public async Task Files_named_by_their_hash_are_cached_for_good_and_the_rest_revalidated_all_precompressed()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        var html = await http.GetStringAsync("/");
        var blazor = "/" + BlazorScript().Match(html).Groups[1].Value;
        using var dotnet = await GetAsync(http, "/_framework/dotnet.js", "br");
        var bootConfig = await Decompress(dotnet);
        var coreLib = "/_framework/" + CoreLib().Match(bootConfig).Value;
        Assert.That(
            coreLib,
            Does.Match(@"^/_framework/System\.Private\.CoreLib\.[a-z0-9]+\.wasm$"),
            "dotnet.js names the assemblies by their hash"
        );

        foreach (
            var (path, immutable) in new[]
            {
                (blazor, true),
                (coreLib, true),
                ("/_framework/dotnet.js", false),
                ("/styles.css", false),
                ("/index.html", false),
            }
        )
        {
            foreach (var encoding in new[] { "br", "gzip" })
            {
                using var response = await GetAsync(http, path, encoding);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                Assert.That(
                    response.Content.Headers.ContentEncoding,
                    Is.EqualTo(new[] { encoding }),
                    $"{path} precompressed with {encoding}"
                );
                Assert.That(response.Headers.Vary, Does.Contain("Accept-Encoding"), path);
                Assert.That(
                    response.Headers.CacheControl?.ToString(),
                    Is.EqualTo(immutable ? "max-age=31536000, immutable" : "no-cache"),
                    path
                );
                Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("'wasm-unsafe-eval'"), path);
            }

            using var plain = await GetAsync(http, path, null);
            Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty, $"{path} for a client that takes no compression");

            // Revalidation: the ETag answers 304 without a body.
            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
            using var notModified = await http.SendAsync(conditional);
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), path);
        }

        using var wasm = await GetAsync(http, coreLib, "br");
        Assert.That(wasm.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/wasm"));
        using var script = await GetAsync(http, blazor, "br");
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
    }

    [TestCase("/api/v1/no-such-route")]
    [TestCase("/api/no-such-version")]
    [TestCase("/api")]
    [TestCase("/health/no-such-probe")]
    [TestCase("/no-such-file.js")]
    [TestCase("/_framework/no-such-file.wasm")]
    public async Task Unknown_paths_are_a_problem_404_not_the_app(string path)
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        using var response = await http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Migrate_lets_browsers_use_presigned_urls_on_the_bucket()
    {
        var c = TestEnvironment.Services.Configuration;
        var options = new StorageOptions
        {
            ServiceUrl = c["Storage:ServiceUrl"],
            AccessKey = c["Storage:AccessKey"],
            SecretKey = c["Storage:SecretKey"],
        };
        using var s3 = StorageSetup.CreateClient(options);
        var cors = await s3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = options.Bucket });
        var rule = cors.Configuration.Rules.Single();
        Assert.That(rule.AllowedMethods, Is.SupersetOf(new[] { "PUT", "GET" }));
        Assert.That(rule.AllowedOrigins, Is.EqualTo(new[] { "*" }));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        return await http.SendAsync(request);
    }

    private static async Task<string> Decompress(HttpResponseMessage brotli)
    {
        await using var body = new System.IO.Compression.BrotliStream(
            await brotli.Content.ReadAsStreamAsync(),
            System.IO.Compression.CompressionMode.Decompress
        );
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex Scripts();

    [GeneratedRegex("<script src=\"(_framework/blazor\\.webassembly\\.[a-z0-9]+\\.js)\"")]
    private static partial Regex BlazorScript();

    [GeneratedRegex(@"System\.Private\.CoreLib\.[a-z0-9]+\.wasm")]
    private static partial Regex CoreLib();
}
