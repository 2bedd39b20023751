using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Faults;

/// <summary>
/// The object store is down (a closed port) while Postgres and Redis are up: attachment routes that must reach the
/// store answer 503 ProblemDetails, everything else keeps working, and readiness reports the store as degraded.
/// </summary>
public class ObjectStoreDownTests
{
    [Test]
    public async Task Attachment_routes_answer_503_problems_while_the_rest_of_the_api_works()
    {
        // Made while the store is up: a ready attachment, and one whose upload has started.
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId, taskId) = await AttachmentTestKit.TaskAsync(owner);
        var ready = await AttachmentTestKit.AttachAsync(owner, taskId, AttachmentTestKit.RandomBytes(1024));
        var pending = (await AttachmentTestKit.StartAsync(owner, taskId, 2048)).GetProperty("attachmentId").GetGuid();

        await using var hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Storage:ServiceUrl"] = $"http://127.0.0.1:{ClosedPort()}" }
        );
        using var api = hosts.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        using var probe = new HttpClient { BaseAddress = hosts.BaseAddress };

        // Completing asks the store for the object's size: that call fails.
        using var complete = await api.PostAsync($"attachments/{pending}/complete", null);
        var problem = await complete.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        // Starting an upload and downloading only presign URLs, which needs no call to the store: they still answer,
        // and the client's own PUT/GET to the store is what fails. Neither may be a 500.
        using var create = await api.PostAsJsonAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName = "later.pdf",
                contentType = "application/pdf",
                size = 10,
            }
        );
        using var download = await noRedirects.GetAsync($"attachments/{ready}");
        using var list = await api.GetAsync($"tasks/{taskId}/attachments");

        // Everything that does not touch the store is unaffected.
        using var createTask = await api.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "Written while the store is down" });
        using var listTasks = await api.GetAsync($"projects/{projectId}/tasks");
        using var readiness = await probe.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await readiness.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(async () =>
        {
            Assert.That(complete.Headers.RetryAfter, Is.Not.Null, "a 503 says when to retry");
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("object store"));
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.Found), await download.Content.ReadAsStringAsync());
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), await list.Content.ReadAsStringAsync());
            Assert.That(createTask.StatusCode, Is.EqualTo(HttpStatusCode.Created), await createTask.Content.ReadAsStringAsync());
            Assert.That(listTasks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(readiness.StatusCode, Is.EqualTo(HttpStatusCode.OK), report.ToString());
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(report.GetProperty("checks").GetProperty("object-store").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        });

        // Nothing changed: through the run's own hosts (store up) the attachment is still pending with nothing uploaded.
        await owner.PostAsync($"attachments/{pending}/complete", null, HttpStatusCode.Conflict);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
