using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.CreateWebhook;

public class CreateWebhookTests
{
    [Test]
    public async Task Registers_a_webhook_and_answers_a_generated_secret_only_once()
    {
        var (owner, workspaceId) = await WorkspaceAsync();

        var created = await owner.PostAsync(
            $"workspaces/{workspaceId}/webhooks",
            new { url = "https://hooks.example.com/tasklane", events = new[] { "task.updated", "task.created", "task.created" } }
        );
        var id = created.GetProperty("id").GetGuid();
        var fetched = await owner.GetAsync($"webhooks/{id}");
        var listed = await owner.GetAsync($"workspaces/{workspaceId}/webhooks");

        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("secret").GetString(), Does.StartWith("whsec_").And.Length.EqualTo(6 + 43));
            Assert.That(
                created.GetProperty("events").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { "task.created", "task.updated" })
            );
            Assert.That(created.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(fetched.GetProperty("url").GetString(), Is.EqualTo("https://hooks.example.com/tasklane"));
            Assert.That(fetched.TryGetProperty("secret", out _), Is.False, "never shown again");
            Assert.That(listed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(listed.GetProperty("items")[0].TryGetProperty("secret", out _), Is.False);
        });
    }

    [Test]
    public async Task Keeps_a_secret_the_caller_chose_and_star_means_every_event()
    {
        var (owner, workspaceId) = await WorkspaceAsync();

        var created = await owner.PostAsync(
            $"workspaces/{workspaceId}/webhooks",
            new
            {
                url = "http://hooks.example.com/",
                events = new[] { "*", "task.created" },
                secret = "my-own-secret-0123456789",
            }
        );

        Assert.That(created.GetProperty("secret").GetString(), Is.EqualTo("my-own-secret-0123456789"));
        Assert.That(created.GetProperty("events").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "*" }));
    }

    [TestCase("""{"url":"ftp://example.com/x","events":["task.created"]}""", "url")]
    [TestCase("""{"url":"/relative","events":["task.created"]}""", "url")]
    [TestCase("""{"url":"https://user:pass@example.com/","events":["task.created"]}""", "url")]
    [TestCase("""{"events":["task.created"]}""", "url")]
    [TestCase("""{"url":"https://example.com/","events":["task.exploded"]}""", "events")]
    [TestCase("""{"url":"https://example.com/","events":[]}""", "events")]
    [TestCase("""{"url":"https://example.com/","events":["*"],"secret":"short"}""", "secret")]
    [TestCase("null", "body")]
    public async Task Invalid_input_is_400_with_the_field(string json, string field)
    {
        var (owner, workspaceId) = await WorkspaceAsync();

        var response = await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/webhooks", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_url_over_2048_characters_is_400()
    {
        var (owner, workspaceId) = await WorkspaceAsync();

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            $$"""{"url":"https://example.com/{{new string('a', 2048)}}","events":["*"]}"""
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
    }

    [Test]
    public async Task More_event_names_than_the_documented_maximum_is_400()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var events = string.Join(",", Enumerable.Repeat("\"task.created\"", WebhookRules.EventsMax + 1));

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            $$"""{"url":"https://example.com/","events":[{{events}}]}"""
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "events");
    }

    [Test]
    public async Task Members_may_not_register_webhooks_and_strangers_do_not_see_the_workspace()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var stranger = await ApiClient.SignUpAsync();
        const string body = """{"url":"https://example.com/","events":["*"]}""";

        await (await member.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/webhooks", body)).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        await (await stranger.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/webhooks", body)).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await member.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/webhooks")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/webhooks")).GetProperty("items").GetArrayLength(), Is.Zero);
    }
}

/// <summary>SSRF protection on an API host started with the switch off (the run's hosts allow private targets).</summary>
[NonParallelizable]
public class CreateWebhookSsrfTests
{
    private TasklaneHosts _hosts = null!;

    [OneTimeSetUp]
    public async Task StartHostsAsync() =>
        _hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "false" }
        );

    [OneTimeTearDown]
    public async Task StopHostsAsync() => await _hosts.DisposeAsync();

    [TestCase("http://127.0.0.1:8080/hook")]
    [TestCase("http://localhost/hook")]
    [TestCase("http://api.localhost/hook")]
    [TestCase("http://10.1.2.3/hook")]
    [TestCase("http://172.16.0.1/hook")]
    [TestCase("http://192.168.1.1/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://100.64.0.1/hook")]
    [TestCase("http://0.0.0.0/hook")]
    [TestCase("http://[::1]/hook")]
    [TestCase("http://[fe80::1]/hook")]
    [TestCase("http://[fd00::1]/hook")]
    [TestCase("http://[::ffff:127.0.0.1]/hook")]
    [TestCase("http://2130706433/hook")]
    [TestCase("http://[64:ff9b::7f00:1]/hook")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/latest/meta-data")]
    [TestCase("http://[2002:7f00:1::1]/hook")]
    [TestCase("http://[2001:0:808:808::f5ff:fffe]/hook")]
    [TestCase("http://168.63.129.16/machine")]
    [TestCase("http://[fd00:ec2::254]/latest/meta-data")]
    [TestCase("http://192.0.2.1/hook")]
    [TestCase("http://[2001:db8::1]/hook")]
    public async Task Private_targets_are_refused_at_registration(string url)
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            $$"""{"url":"{{url}}","events":["*"]}"""
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
    }

    [TestCase("https://93.184.215.14/hook")]
    [TestCase("https://[2606:4700:4700::1111]/hook")]
    [TestCase("https://[64:ff9b::5db8:d70e]/hook")] // NAT64 of 93.184.215.14, as DNS64 answers for an IPv4-only receiver
    public async Task A_public_address_is_accepted(string url)
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();

        await owner.PostAsync($"workspaces/{workspaceId}/webhooks", new { url, events = new[] { "*" } });
    }

    /// <summary>The registration check resolves names: this machine's own name resolves to one of its addresses.</summary>
    [Test]
    public async Task A_name_that_resolves_to_a_non_public_address_is_refused()
    {
        var name = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(name);
        Assume.That(
            addresses,
            Is.Not.Empty.And.None.Matches<IPAddress>(WebhookTargets.IsPublic),
            $"{name} resolves to a non-public address here"
        );
        var owner = await ApiClient.SignUpAsync(_hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            $$"""{"url":"http://{{name}}:8080/hook","events":["*"]}"""
        );

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
        Assert.That(
            problem.GetProperty("errors").GetProperty("url")[0].GetString(),
            Does.Not.Contain(addresses[0].ToString()),
            "internal DNS answers stay internal"
        );
    }

    [Test]
    public async Task An_address_is_refused_naming_the_block_it_is_in()
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/webhooks",
            """{"url":"http://[64:ff9b::a9fe:a9fe]/","events":["*"]}"""
        );

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "url");
        Assert.That(
            problem.GetProperty("errors").GetProperty("url")[0].GetString(),
            Does.StartWith("[64:ff9b::a9fe:a9fe] is in 169.254.169.254/32 (Instance metadata")
                .And.EndWith("(Webhooks:AllowPrivateTargets is off).")
        );
    }
}
