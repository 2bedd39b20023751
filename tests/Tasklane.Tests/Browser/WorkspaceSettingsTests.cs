using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>The workspace settings page (/w/{id}/settings) in headless chromium against the real API.</summary>
[TestFixture]
[NonParallelizable]
public sealed class WorkspaceSettingsTests : BrowserFixture
{
    [Test]
    public async Task An_owner_changes_a_members_role_and_removes_another()
    {
        var owner = await ApiClient.SignUpAsync();
        var mia = await ApiClient.SignUpAsync();
        var leo = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, mia);
        await owner.AddMemberAsync(workspaceId, leo, "viewer");
        var page = await SignedInPageAsync(owner);

        // From the workspace page, through its link.
        await OpenAppAsync(page, $"/w/{workspaceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/w/{workspaceId}/settings$"));
        await Expect(page.GetByTestId("member")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("my-role")).ToContainTextAsync("Your role: owner.");
        await Expect(Member(page, leo).GetByTestId("member-role")).ToHaveValueAsync("viewer");

        await page.GetByLabel($"Role of {mia.Email}").SelectOptionAsync("admin");
        await Member(page, mia).GetByTestId("change-role").ClickAsync();

        await Expect(Member(page, mia).GetByTestId("change-role")).ToBeDisabledAsync();
        await ApiClient.EventuallyAsync(() => RoleAsync(owner, workspaceId, mia), role => role == "admin");
        Assert.That(await RoleAsync(owner, workspaceId, mia), Is.EqualTo("admin"), "the API has the new role");

        await Member(page, leo).GetByTestId("remove-member").ClickAsync();
        await Member(page, leo).GetByTestId("confirm-remove").ClickAsync();
        await Expect(page.GetByTestId("member")).ToHaveCountAsync(2);
        var members = (await owner.GetAsync($"workspaces/{workspaceId}/members")).GetProperty("items");
        Assert.That(members.EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()), Does.Not.Contain(leo.UserId));
        await Expect(page.GetByTestId("member-error")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "members");
        AssertNoPageErrors();
    }

    [Test]
    public async Task An_admin_invites_by_email_and_revokes_the_invitation()
    {
        var owner = await ApiClient.SignUpAsync();
        var mia = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, mia);
        var page = await SignedInPageAsync(owner);
        await OpenAppAsync(page, $"/w/{workspaceId}/settings");
        await Expect(page.GetByTestId("invitations-empty")).ToHaveTextAsync("No pending invitations.");

        var invite = page.GetByTestId("invite");
        await invite.GetByLabel("Email").FillAsync("bob@example.com");
        await invite.GetByLabel("Role").SelectOptionAsync("Admin");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();

        await Expect(page.GetByTestId("invite-notice")).ToContainTextAsync("Invited bob@example.com as admin, until");
        await Expect(page.GetByLabel("Invitation link")).ToHaveValueAsync(new Regex("/invitations/accept#token=.+"));
        await Expect(page.GetByTestId("invitation-email")).ToHaveTextAsync(["bob@example.com"]);
        await ScreenshotAsync(page, "invited");
        var pending = (await owner.GetAsync($"workspaces/{workspaceId}/invitations")).GetProperty("items");
        Assert.That(pending.GetArrayLength(), Is.EqualTo(1));
        Assert.That(pending[0].GetProperty("role").GetString(), Is.EqualTo("admin"));

        // Renew: a new link; the old one stops working.
        var first = await page.GetByLabel("Invitation link").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Renew the invitation of bob@example.com" }).ClickAsync();
        await Expect(page.GetByLabel("Invitation link")).Not.ToHaveValueAsync(first);
        await Expect(page.GetByTestId("invitation")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the invitation of bob@example.com" }).ClickAsync();

        await Expect(page.GetByTestId("invitation")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("invitations-empty")).ToBeVisibleAsync();
        Assert.That(
            (await owner.GetAsync($"workspaces/{workspaceId}/invitations")).GetProperty("items").GetArrayLength(),
            Is.Zero,
            "the API has no pending invitation"
        );
        AssertNoPageErrors(); // before the refusals, which the browser logs as failed requests

        // Someone who is a member already: the 409 shows under the form.
        await invite.GetByLabel("Email").FillAsync(mia.Email);
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(page.GetByTestId("invite-error")).ToHaveTextAsync("Someone with this email is already a member of the workspace.");
    }

    [Test]
    public async Task Labels_are_created_renamed_recoloured_and_deleted()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var page = await SignedInPageAsync(owner);
        await OpenAppAsync(page, $"/w/{workspaceId}/settings");
        await Expect(page.GetByTestId("labels-empty")).ToHaveTextAsync("No labels yet.");

        var form = page.GetByTestId("new-label");
        await form.GetByLabel("Name").FillAsync("Bug");
        await form.GetByLabel("Colour").FillAsync("#d73a4a");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Expect(page.GetByTestId("label-name")).ToHaveTextAsync(["Bug"]);
        await Expect(page.GetByTestId("label-color")).ToHaveTextAsync(["#d73a4a"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit label Bug" }).ClickAsync();
        await page.GetByTestId("label-name-input").FillAsync("Defect");
        await page.GetByTestId("label-color-input").FillAsync("#0e8a16");
        await page.GetByTestId("save-label").ClickAsync();

        await Expect(page.GetByTestId("label-name")).ToHaveTextAsync(["Defect"]);
        var label = (await owner.GetAsync($"workspaces/{workspaceId}/labels")).GetProperty("items")[0];
        Assert.That(
            (label.GetProperty("name").GetString(), label.GetProperty("color").GetString(), label.GetProperty("version").GetInt32()),
            Is.EqualTo(("Defect", "#0e8a16", 2))
        );
        AssertNoPageErrors(); // before the refusal, which the browser logs as a failed request

        // The same name again: the API's 409 under the form.
        await form.GetByLabel("Name").FillAsync("defect");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Expect(page.GetByTestId("new-label-error")).ToHaveTextAsync("The workspace already has a label named \"defect\".");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete label Defect" }).ClickAsync();
        await page.GetByTestId("confirm-delete-label").ClickAsync();
        await Expect(page.GetByTestId("labels-empty")).ToBeVisibleAsync();
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/labels")).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_single_select_field_is_created_its_option_renamed_and_the_field_deleted()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var page = await SignedInPageAsync(owner);
        await OpenAppAsync(page, $"/w/{workspaceId}/settings");
        await Expect(page.GetByTestId("fields-empty")).ToHaveTextAsync("No custom fields yet.");

        var form = page.GetByTestId("new-field");
        await form.GetByLabel("Name").FillAsync("Severity");
        await form.GetByLabel("Type").SelectOptionAsync("Single_select");
        await form.GetByLabel("Options, one per line").FillAsync("Low\nHigh");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(page.GetByTestId("field-name")).ToHaveTextAsync(["Severity"]);
        await Expect(page.GetByTestId("field-type")).ToHaveTextAsync(["Single select"]);
        await Expect(page.GetByTestId("field-option")).ToHaveTextAsync(["Low", "High"]);
        var created = (await owner.GetAsync($"workspaces/{workspaceId}/custom-fields")).GetProperty("items")[0];
        var ids = Options(created).Select(o => o.Id).ToList();

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit field Severity" }).ClickAsync();
        await page.GetByLabel("Option 1").FillAsync("Minor");
        await ScreenshotAsync(page, "field-editing");
        await page.GetByTestId("save-field").ClickAsync();

        await Expect(page.GetByTestId("field-option")).ToHaveTextAsync(["Minor", "High"]);
        var updated = (await owner.GetAsync($"workspaces/{workspaceId}/custom-fields")).GetProperty("items")[0];
        Assert.That(Options(updated), Is.EqualTo(new[] { (ids[0], "Minor"), (ids[1], "High") }), "the option kept its id");
        Assert.That(updated.GetProperty("version").GetInt32(), Is.EqualTo(2));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete field Severity" }).ClickAsync();
        await page.GetByTestId("confirm-delete-field").ClickAsync();
        await Expect(page.GetByTestId("fields-empty")).ToBeVisibleAsync();
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/custom-fields")).GetProperty("items").GetArrayLength(), Is.Zero);
        AssertNoPageErrors(); // before the refusal, which the browser logs as a failed request

        // Two options with the same name: the 400 shows beside the options, and no field is made.
        await form.GetByLabel("Name").FillAsync("Impact");
        await form.GetByLabel("Type").SelectOptionAsync("Single_select");
        await form.GetByLabel("Options, one per line").FillAsync("Low\nlow");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(page.GetByTestId("options-error")).ToContainTextAsync("Option names must differ");
        await Expect(page.GetByTestId("field")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_member_sees_the_settings_and_each_refused_change_says_why_where_it_was_tried()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#d73a4a" });
        var page = await SignedInPageAsync(member);

        await OpenAppAsync(page, $"/w/{workspaceId}/settings");
        await Expect(page.GetByTestId("my-role")).ToContainTextAsync("Your role: member.");
        await Expect(page.GetByTestId("label-name")).ToHaveTextAsync(["Bug"]);
        await Expect(page.GetByTestId("invitations-refused")).ToHaveTextAsync("Your role in this workspace (member) does not allow this.");

        await page.GetByLabel($"Role of {owner.Email}").SelectOptionAsync("viewer");
        await Member(page, owner).GetByTestId("change-role").ClickAsync();
        await Expect(Member(page, owner).GetByTestId("member-error"))
            .ToHaveTextAsync("Your role in this workspace (member) does not allow this.");

        var form = page.GetByTestId("new-label");
        await form.GetByLabel("Name").FillAsync("Feature");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Expect(page.GetByTestId("new-label-error")).ToHaveTextAsync("Your role in this workspace (member) does not allow this.");
        await Expect(page.GetByTestId("label")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "member-refused");

        Assert.That(await RoleAsync(owner, workspaceId, owner), Is.EqualTo("owner"));
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/labels")).GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        Assert.That(await page.Locator("#error").IsHiddenAsync(), "refusals show where they happened, not in the banner");
    }

    private static ILocator Member(IPage page, ApiClient user) => page.Locator($"[data-testid=member][data-id='{user.UserId}']");

    private static async Task<string?> RoleAsync(ApiClient caller, Guid workspaceId, ApiClient user) =>
        (await caller.GetAsync($"workspaces/{workspaceId}/members"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(m => m.GetProperty("userId").GetGuid() == user.UserId)
            .GetProperty("role")
            .GetString();

    private static IEnumerable<(Guid Id, string? Name)> Options(JsonElement field) =>
        field.GetProperty("options").EnumerateArray().Select(o => (o.GetProperty("id").GetGuid(), o.GetProperty("name").GetString()));
}
