using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Tasklane.Infrastructure.Database;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

public class HostTests
{
    [Test]
    public async Task Liveness_and_readiness_report_every_dependency_healthy()
    {
        using var http = new HttpClient { BaseAddress = TestEnvironment.Hosts.BaseAddress };

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("Healthy"), report.ToString());
            Assert.That(
                report.GetProperty("checks").EnumerateObject().Select(c => c.Name),
                Is.EquivalentTo(new[] { "postgres", "redis", "object-store" })
            );
        });
    }

    [Test]
    public async Task Concurrent_migrations_wait_for_each_other_and_apply_nothing_twice()
    {
        var runs = await Task.WhenAll(
            Enumerable
                .Range(0, 3)
                .Select(_ => Migrator.MigrateAsync(TestEnvironment.Services.PostgresConnectionString, NullLogger.Instance))
        );

        Assert.That(runs.SelectMany(applied => applied), Is.Empty, "the run's first migrate already applied every script");
    }

    /// <summary>
    /// Production hosts load the pre-generated Wolverine code (scripts/codegen.sh). This fails when a slice
    /// was added or changed without regenerating it.
    /// </summary>
    [Test]
    public async Task Production_hosts_run_on_the_pre_generated_code()
    {
        await using var hosts = await TasklaneHosts.StartAsync(TestEnvironment.Services, environment: "Production");
        var client = await ApiClient.SignUpAsync(hosts);
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PatchAsync($"tasks/{taskId}", new { status = "done" });
        await client.GetAsync($"projects/{projectId}/tasks");
        await client.GetAsync("workspaces");
        await client.GetAsync("me");

        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 3
        );

        // project.created, task.created, task.updated
        Assert.That(feed.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
    }

    /// <summary>
    /// In static mode Wolverine serves only the endpoints it finds pre-generated: a slice added without running
    /// scripts/codegen.sh is a 404 in production while every development-mode test passes.
    /// </summary>
    [Test]
    public async Task Production_hosts_serve_every_endpoint_of_the_code()
    {
        await using var hosts = await TasklaneHosts.StartAsync(TestEnvironment.Services, environment: "Production", withWorker: false);
        var served = ((IEndpointRouteBuilder)hosts.Api)
            .DataSources.SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .ToHashSet();
        var declared = typeof(Sql)
            .Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SelectMany(m => m.GetCustomAttributes<Wolverine.Http.WolverineHttpMethodAttribute>())
            .Select(a => "api/v1/" + a.Template.Trim('/'))
            .ToList();

        Assert.That(declared, Has.Count.GreaterThan(50), "the scan sees the endpoints");
        Assert.That(declared.Where(route => !served.Contains(route)), Is.Empty, "declared but not served: run scripts/codegen.sh");
    }
}
