using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Route-wide checks, generated from the API's own endpoint table so a new route is covered without edits.</summary>
public partial class AccessTests
{
    private static IEnumerable<(string Method, string Pattern, bool Anonymous)> Routes()
    {
        var sources = TestEnvironment.Hosts.Api.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (method, pattern["/api/v1/".Length..], endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            }
        }
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path)
        {
            Content = method is "GET" or "DELETE"
                ? null
                : new StringContent("""{"name":"x","title":"x"}""", Encoding.UTF8, "application/json"),
        };

    [Test]
    public async Task Every_route_but_register_login_and_the_mailed_links_needs_a_token()
    {
        var routes = Routes().ToList();
        Assert.That(
            routes.Where(r => r.Anonymous).Select(r => r.Pattern),
            Is.EquivalentTo(
                new[]
                {
                    "auth/register",
                    "auth/login",
                    "auth/login/two-factor",
                    "auth/password-reset",
                    "auth/password-reset/confirm",
                    "auth/email-verification/confirm",
                    // The one-click unsubscribe link of notification mail (GET shows the page, POST unsubscribes).
                    "notification-preferences/unsubscribe/{token}",
                    "notification-preferences/unsubscribe/{token}",
                    // Signing in with an OpenID provider: the list for the sign-in page, the start, the code's exchange.
                    "auth/oidc/providers",
                    "auth/oidc/{provider}/start",
                    "auth/oidc/session",
                }
            )
        );

        var http = ApiClient.Anonymous();
        foreach (var (method, pattern, _) in routes.Where(r => !r.Anonymous))
        {
            var path = RouteParameter().Replace(pattern, _ => Guid.CreateVersion7().ToString());
            var response = await http.SendAsync(Request(method, path));
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    /// <summary>
    /// On two hosts the stranger's requests alternate between them and each route is tried three times (A, B, A or
    /// B, A, B): cold, then with "not a member" cached on the other host only, then cached on the answering host too.
    /// </summary>
    [TestCase(false, TestName = "Every route answers 404 for another workspace's ids and changes nothing (one host)")]
    [TestCase(true, TestName = "Every route answers 404 for another workspace's ids and changes nothing (two hosts, alternating)")]
    public async Task Every_route_answers_404_for_another_workspaces_ids_and_changes_nothing(bool twoHosts)
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        if (twoHosts)
        {
            stranger = stranger.Via(TwoHosts.Alternating());
        }

        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var task = await owner.CreateTaskAsync(projectId, new { title = "Private" });
        var comment = await owner.PostAsync($"tasks/{task.GetProperty("id").GetGuid()}/comments", new { body = "Private" });
        var label = await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Private", color = "#000000" });
        var webhook = await owner.PostAsync(
            $"workspaces/{workspaceId}/webhooks",
            new { url = "http://127.0.0.1:9/private", events = new[] { "comment.added" } }
        );
        var ping = await owner.PostAsync($"webhooks/{webhook.GetProperty("id").GetGuid()}/ping", null, HttpStatusCode.Accepted);
        var ids = new Dictionary<string, Guid>
        {
            ["workspaceId"] = workspaceId,
            ["projectId"] = projectId,
            ["taskId"] = task.GetProperty("id").GetGuid(),
            ["userId"] = owner.UserId,
            ["invitationId"] = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "invitee@example.com" }))
                .GetProperty("invitationId")
                .GetGuid(),
            ["tokenId"] = (await owner.PostAsync("me/tokens", new { name = "owner's" })).GetProperty("id").GetGuid(),
            // An invitation token is a secret, not an id: all a stranger can try is a guess.
            ["token"] = Guid.CreateVersion7(),
            // An OpenID provider holds no workspace's data; the run's hosts have none configured, so every id is 404.
            ["provider"] = Guid.CreateVersion7(),
            ["commentId"] = comment.GetProperty("id").GetGuid(),
            ["labelId"] = label.GetProperty("id").GetGuid(),
            ["statusId"] = (await owner.GetAsync($"projects/{projectId}/statuses")).GetProperty("items")[0].GetProperty("id").GetGuid(),
            ["fieldId"] = (await owner.PostAsync($"workspaces/{workspaceId}/custom-fields", new { name = "Private", type = "text" }))
                .GetProperty("id")
                .GetGuid(),
            ["attachmentId"] = (
                await owner.PostAsync(
                    $"tasks/{task.GetProperty("id").GetGuid()}/attachments",
                    new
                    {
                        fileName = "private.pdf",
                        contentType = "application/pdf",
                        size = 1,
                    }
                )
            ).GetProperty("attachmentId").GetGuid(),
            ["webhookId"] = webhook.GetProperty("id").GetGuid(),
            ["deliveryId"] = ping.GetProperty("id").GetGuid(),
            ["exportId"] = (await owner.PostAsync($"projects/{projectId}/exports", new { format = "json" }, HttpStatusCode.Accepted))
                .GetProperty("id")
                .GetGuid(),
            ["notificationId"] = await OwnersNotificationAsync(owner.UserId, workspaceId),
            ["relationId"] = (
                await owner.PostAsync(
                    $"tasks/{task.GetProperty("id").GetGuid()}/relations",
                    new { type = "blocks", taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid() }
                )
            )
                .GetProperty("id")
                .GetGuid(),
            ["importId"] = (
                await Features.Imports.ImportTestKit.StartAsync(
                    owner,
                    workspaceId,
                    new
                    {
                        source = "csv",
                        objectKey = await Features.Imports.ImportTestKit.UploadAsync(owner, workspaceId, "title\r\nPrivate\r\n"),
                        dryRun = true,
                    }
                )
            ).GetProperty("id").GetGuid(),
            // Shared, so only the workspace boundary keeps the stranger out.
            ["viewId"] = (await owner.PostAsync($"projects/{projectId}/views", new { name = "Private", shared = true }))
                .GetProperty("id")
                .GetGuid(),
        };

        var checkedRoutes = 0;
        foreach (var (method, pattern, _) in Routes().Where(r => r.Pattern.Contains('{')))
        {
            var path = RouteParameter()
                .Replace(
                    pattern,
                    m =>
                        ids.TryGetValue(m.Groups[1].Value, out var id)
                            ? id.ToString()
                            : throw new AssertionException($"No foreign id to try for '{m.Groups[1].Value}' in {pattern}: add one here.")
                );
            for (var attempt = 0; attempt < (twoHosts ? 3 : 1); attempt++)
            {
                var response = await stranger.Http.SendAsync(Request(method, path));
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }

            checkedRoutes++;
        }

        Assert.That(checkedRoutes, Is.GreaterThanOrEqualTo(6));
        var after = await owner.GetAsync($"tasks/{ids["taskId"]}");
        Assert.That(after.GetProperty("version").GetInt32(), Is.EqualTo(1), "the owner's task is untouched");
        var projects = await owner.GetAsync($"workspaces/{workspaceId}/projects");
        Assert.That(projects.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "no project was added to the owner's workspace");
        var members = await owner.GetAsync($"workspaces/{workspaceId}/members");
        Assert.That(members.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the owner is still the only member");
        Assert.That(members.GetProperty("items")[0].GetProperty("role").GetString(), Is.EqualTo("owner"));
        var invitations = await owner.GetAsync($"workspaces/{workspaceId}/invitations");
        Assert.That(invitations.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the invitation is still pending");
        var tokens = await owner.GetAsync("me/tokens");
        Assert.That(tokens.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the owner's token is not revoked");
        var webhookAfter = await owner.GetAsync($"webhooks/{ids["webhookId"]}");
        Assert.That(webhookAfter.GetProperty("version").GetInt32(), Is.EqualTo(1), "the owner's webhook is untouched");
        var notifications = await owner.GetAsync("me/notifications?unread=true");
        Assert.That(notifications.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the owner's notification is still unread");
    }

    /// <summary>Stored directly: producing one through the worker would need a second member and a wait.</summary>
    private static async Task<Guid> OwnersNotificationAsync(Guid userId, Guid workspaceId)
    {
        var id = Guid.CreateVersion7();
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync(
            "insert into notifications (id, user_id, workspace_id, kind, source_id, title, created_at) values (@id, @userId, @workspaceId, 'mention', @id, 'Private', now())",
            new
            {
                id,
                userId,
                workspaceId,
            }
        );
        return id;
    }

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
