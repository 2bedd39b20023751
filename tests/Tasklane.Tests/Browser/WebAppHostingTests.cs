using System.Net;
using Amazon.S3.Model;
using NUnit.Framework;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Tests.Browser;

/// <summary>How the API host serves the web app; plain HTTP, so these run without a browser.</summary>
public sealed class WebAppHostingTests
{
    [Test]
    public async Task The_app_is_served_at_the_root_with_a_strict_content_security_policy()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };
        using var index = await http.GetAsync("/");
        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(index.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await index.Content.ReadAsStringAsync(), Does.Contain("<script type=\"module\" src=\"app.js\">"));
        var csp = index.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("script-src 'self'").And.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
        Assert.That(csp, Does.Contain(TestEnvironment.Services.Configuration["Storage:ServiceUrl"]!.TrimEnd('/')), "uploads go to the object store");
        Assert.That(index.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));

        using var script = await http.GetAsync("/app.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
    }

    [TestCase("/api/v1/no-such-route")]
    [TestCase("/api/no-such-version")]
    [TestCase("/no-such-file.js")]
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
        var options = new StorageOptions { ServiceUrl = c["Storage:ServiceUrl"], AccessKey = c["Storage:AccessKey"], SecretKey = c["Storage:SecretKey"] };
        using var s3 = StorageSetup.CreateClient(options);
        var cors = await s3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = options.Bucket });
        var rule = cors.Configuration.Rules.Single();
        Assert.That(rule.AllowedMethods, Is.SupersetOf(new[] { "PUT", "GET" }));
        Assert.That(rule.AllowedOrigins, Is.EqualTo(new[] { "*" }));
    }
}
