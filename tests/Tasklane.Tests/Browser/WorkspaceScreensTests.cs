using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Features.Webhooks;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// The account's API tokens (/account/tokens), the workspace's webhooks (a section of its settings) and the search page
/// (/w/{id}/search) in headless chromium against the real API. One user, workspace and signed-in page serve every test.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WorkspaceScreensTests : BrowserFixture
{
    private ApiClient? _owner;
    private Guid _workspaceId;

    [Test]
    public async Task An_API_token_is_created_with_its_scope_works_against_the_API_and_stops_working_when_revoked()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var elsewhere = await owner.CreateWorkspaceAsync("Elsewhere");
        var page = await SharedPageAsync(owner.Token);

        // From the workspaces page, through its link.
        await OpenAppAsync(page, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/tokens$"));
        await Expect(page.GetByTestId("tokens-empty")).ToHaveTextAsync("No API tokens.");

        var form = page.GetByTestId("new-token");
        await form.GetByLabel("Name").FillAsync("CI reader");
        await form.GetByLabel("Read-only").CheckAsync();
        await form.GetByLabel("Screens", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        await Expect(page.GetByTestId("token-notice")).ToContainTextAsync("Token “CI reader” created: read-only, in Screens.");
        var secret = await page.GetByLabel("Token secret").InputValueAsync();
        Assert.That(secret, Does.StartWith("tl_pat_"));
        await Expect(page.GetByTestId("token-name")).ToHaveTextAsync(["CI reader"]);
        await Expect(page.GetByTestId("token-scope")).ToHaveTextAsync(["read-only, in Screens"]);
        await ScreenshotAsync(page, "token-created");

        // The secret works, within its scope: it reads its workspace, changes nothing and sees no other.
        using var bearer = ApiClient.WithBearer(secret);
        await ApiClient.Send(bearer, HttpMethod.Get, $"workspaces/{workspaceId}/projects", null, HttpStatusCode.OK);
        await ApiClient.Send(bearer, HttpMethod.Post, $"workspaces/{workspaceId}/projects", new { name = "No" }, HttpStatusCode.Forbidden);
        await ApiClient.Send(bearer, HttpMethod.Get, $"workspaces/{elsewhere}/projects", null, HttpStatusCode.NotFound);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token CI reader" }).ClickAsync();
        await page.GetByTestId("confirm-revoke").ClickAsync();

        await Expect(page.GetByTestId("tokens-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("token-notice")).ToHaveCountAsync(0);
        await ApiClient.Send(bearer, HttpMethod.Get, $"workspaces/{workspaceId}/projects", null, HttpStatusCode.Unauthorized);
        Assert.That((await owner.GetAsync("me/tokens")).GetProperty("items").GetArrayLength(), Is.Zero);
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_webhook_is_added_its_ping_delivery_is_listed_and_it_is_deleted()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var page = await SharedPageAsync(owner.Token);

        await OpenAppAsync(page, $"/w/{workspaceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("webhooks-empty")).ToHaveTextAsync("No webhooks yet.");

        var form = page.GetByTestId("new-webhook");
        await form.GetByLabel("URL").FillAsync(receiver.Url);
        await form.GetByLabel("Events").FillAsync("task.created, comment.added");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();

        await Expect(page.GetByLabel("Signing secret")).ToHaveValueAsync(new Regex("^whsec_"));
        var row = page.GetByTestId("webhook");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("webhook-url")).ToHaveTextAsync(receiver.Url);
        await Expect(row.GetByTestId("webhook-events")).ToHaveTextAsync("task.created, comment.added");

        // A ping goes through the real delivery: pending, then delivered on the first attempt with the receiver's 200.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Send a test ping to {receiver.Url}" }).ClickAsync();
        var delivery = row.GetByTestId("delivery");
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery).ToHaveAttributeAsync("data-status", "delivered", new() { Timeout = 20_000 });
        await Expect(delivery.GetByTestId("delivery-event")).ToHaveTextAsync("ping");
        await Expect(delivery.GetByTestId("delivery-attempts")).ToHaveTextAsync("1");
        await Expect(delivery.GetByTestId("delivery-answer")).ToContainTextAsync("HTTP 200");
        Assert.That(receiver.Received.Select(r => r.Event), Does.Contain("ping"));
        await ScreenshotAsync(page, "webhook-delivered");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete webhook {receiver.Url}" }).ClickAsync();
        await row.GetByTestId("confirm-delete-webhook").ClickAsync();

        await Expect(page.GetByTestId("webhooks-empty")).ToBeVisibleAsync();
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/webhooks")).GetProperty("items").GetArrayLength(), Is.Zero);
        AssertNoPageErrors();
    }

    [Test]
    public async Task The_search_page_finds_a_task_and_highlights_the_term()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Airships");
        await owner.CreateTaskAsync(projectId, new { title = "Polish the zeppelin hull" });
        var page = await SharedPageAsync(owner.Token);

        await OpenAppAsync(page, $"/w/{workspaceId}");
        await page.GetByTestId("search-page-link").ClickAsync();
        await page.GetByLabel("Search tasks and comments").FillAsync("zeppelin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/w/{workspaceId}/search\\?q=zeppelin$"));
        var hit = page.GetByTestId("hit");
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit.GetByTestId("hit-title")).ToHaveTextAsync("Polish the zeppelin hull");
        await Expect(hit).ToContainTextAsync("task in Airships");
        await Expect(hit.GetByTestId("hit-highlight").Locator("mark")).ToHaveTextAsync(["zeppelin"]);
        await ScreenshotAsync(page, "search");

        await page.GetByLabel("Search tasks and comments").FillAsync("submarine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("search-empty")).ToHaveTextAsync("Nothing found for “submarine”.");

        // The address holds the query: going back shows the earlier results again.
        await page.GoBackAsync();
        await Expect(page.GetByTestId("hit-title")).ToHaveTextAsync(["Polish the zeppelin hull"]);
        AssertNoPageErrors();
    }

    /// <summary>The fixture's user and workspace ("Screens"), made by the first test that asks.</summary>
    private async Task<(ApiClient Owner, Guid WorkspaceId)> WorkspaceAsync()
    {
        if (_owner is null)
        {
            _owner = await ApiClient.SignUpAsync();
            _workspaceId = await _owner.CreateWorkspaceAsync("Screens");
        }

        return (_owner, _workspaceId);
    }
}
