using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Tasklane.Features.Webhooks.DeliverWebhook;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// Hosts left at their default settings (as ./run.sh and compose.yaml leave them) keep the SSRF guard on and say
/// nothing about it. The run's own hosts opt in for their local receivers, so these start their own.
/// </summary>
/// <remarks>
/// Not parallel: this worker, with the guard on, listens to the run's shared webhook queue and would refuse the
/// loopback receivers of tests running beside it.
/// </remarks>
[NonParallelizable]
public class WebhookGuardByDefaultTests
{
    private readonly Dictionary<HostRole, LogCapture> _logs = new() { [HostRole.Api] = new(), [HostRole.Worker] = new() };
    private TasklaneHosts _hosts = null!;

    [OneTimeSetUp]
    public async Task StartHostsAsync() =>
        _hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = null }, // unset: the default
            configure: (builder, role) => builder.Logging.AddProvider(_logs[role])
        );

    [OneTimeTearDown]
    public async Task StopHostsAsync() => await _hosts.DisposeAsync();

    [Test]
    public void Neither_host_warns_about_the_guard() =>
        Assert.Multiple(() =>
        {
            Assert.That(GuardWarnings(_logs[HostRole.Api]), Is.Empty);
            Assert.That(GuardWarnings(_logs[HostRole.Worker]), Is.Empty);
        });

    [Test]
    public async Task A_loopback_receiver_is_refused_at_registration()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync(_hosts);

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            $$"""{"url":"{{receiver.Url}}","events":["*"]}"""
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
    }

    /// <summary>The worker's own sender, as its container builds it: what a URL registered before (or rebound since) meets.</summary>
    [Test]
    public async Task The_workers_sender_refuses_a_loopback_receiver_without_reaching_it()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var sender = _hosts.Worker!.Services.GetRequiredService<WebhookSender>();

        var outcome = await sender.SendAsync(Guid.NewGuid(), "ping", receiver.Url, "whsec_0123456789abcdef", "{}", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.StatusCode, Is.Null);
            Assert.That(outcome.Error, Does.Contain("Webhooks:AllowPrivateTargets is off"));
            Assert.That(receiver.Received, Is.Empty);
        });
    }

    internal static string[] GuardWarnings(LogCapture logs) =>
        logs
            .Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("Webhooks:AllowPrivateTargets"))
            .Select(e => e.Message)
            .ToArray();
}

/// <summary>A host started with <c>Webhooks:AllowPrivateTargets</c> on (as the run's hosts are) says so in its log at start.</summary>
public class WebhookGuardOptInTests
{
    [Test]
    public async Task Both_hosts_warn_at_start_that_the_guard_is_off()
    {
        var logs = new Dictionary<HostRole, LogCapture> { [HostRole.Api] = new(), [HostRole.Worker] = new() };
        await using (
            await TasklaneHosts.StartAsync(
                TestEnvironment.Services,
                settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "true" },
                configure: (builder, role) => builder.Logging.AddProvider(logs[role])
            )
        ) { }

        Assert.Multiple(() =>
        {
            Assert.That(WebhookGuardByDefaultTests.GuardWarnings(logs[HostRole.Api]), Has.Length.EqualTo(1));
            Assert.That(WebhookGuardByDefaultTests.GuardWarnings(logs[HostRole.Worker]), Has.Length.EqualTo(1));
        });
    }
}
