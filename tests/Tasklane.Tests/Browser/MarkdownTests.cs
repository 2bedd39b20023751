using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// Markdown in task descriptions and comments (the task page, /t/{id}) in headless chromium: it is rendered, and nothing in it
/// runs: no raw HTML, no event handler attribute, no link or image to a javascript: or data: URL, however it is spelt.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MarkdownTests : BrowserFixture
{
    /// <summary>Markdown worth rendering, then every way of smuggling script in that the renderer must stop.</summary>
    private const string Hostile = """
        **bold words** and `inline code`

        - first item
        - second item

        [the docs](https://example.com/docs) and [the board](/p/board)

        <script>window.__pwned=1</script>
        <img src=x onerror="window.__pwned=1">
        [x](javascript:window.__pwned=1)
        [click me](JavaScript:window.__pwned=1)
        [spelt apart](java&#x09;script:window.__pwned=1)
        [by reference][evil]
        <javascript:window.__pwned=1>
        ![pixel](data:image/png;base64,AAAA)

        [evil]: javascript:window.__pwned=1
        """;

    [Test]
    public async Task A_description_and_a_comment_render_their_markdown_and_no_script_in_them_runs()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket" })).GetProperty("id").GetGuid();
        var page = await NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{owner.Token}')");

        await OpenAppAsync(page, $"/t/{taskId}");
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Paint the rocket");
        await Expect(page.GetByTestId("task-description")).ToHaveCountAsync(0); // no description, no empty box

        // The description, typed into the task's form and saved.
        var form = page.GetByTestId("task-edit");
        await form.GetByLabel("Description").FillAsync(Hostile);
        await form.GetByTestId("save").ClickAsync();
        await Expect(form.GetByTestId("edit-notice")).ToHaveTextAsync("Saved.");
        Assert.That((await owner.GetAsync($"tasks/{taskId}")).GetProperty("description").GetString(), Is.EqualTo(Hostile));

        // A comment, written on the page.
        await page.GetByTestId("new-comment").Locator("textarea").FillAsync(Hostile);
        await page.GetByTestId("new-comment").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("comment-body")).ToHaveCountAsync(1);

        foreach (var shown in new[] { page.GetByTestId("task-description"), page.GetByTestId("comment-body") })
        {
            await Expect(shown.Locator("strong")).ToHaveTextAsync("bold words");
            await Expect(shown.Locator("code")).ToHaveTextAsync("inline code");
            await Expect(shown.Locator("ul > li")).ToHaveTextAsync(["first item", "second item"]);
            var docs = shown.GetByRole(AriaRole.Link, new() { Name = "the docs" });
            await Expect(docs).ToHaveAttributeAsync("href", "https://example.com/docs");
            await Expect(docs).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
            await Expect(shown.GetByRole(AriaRole.Link, new() { Name = "the board" })).ToHaveAttributeAsync("href", "/p/board");

            // The raw HTML is shown as the text it is; the dropped links keep their words, as words.
            await Expect(shown).ToContainTextAsync("<script>window.__pwned=1</script>");
            await Expect(shown).ToContainTextAsync("<img src=x onerror=\"window.__pwned=1\">");
            await Expect(shown.Locator("script, img, iframe, object, embed, svg")).ToHaveCountAsync(0);
            foreach (var dropped in new[] { "x", "click me", "spelt apart", "by reference", "javascript:window.__pwned=1" })
            {
                await Expect(shown.GetByRole(AriaRole.Link, new() { Name = dropped, Exact = true })).ToHaveCountAsync(0);
            }

            await Expect(shown.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
            await Expect(shown).ToContainTextAsync("click me");
        }

        await ScreenshotAsync(page, "markdown");

        // Where the links were, a click runs nothing.
        await page.GetByTestId("comment-body").GetByText("click me").ClickAsync();
        await page.GetByTestId("task-description").GetByText("spelt apart").ClickAsync();
        await page.WaitForTimeoutAsync(300);
        var pwned = await page.EvaluateAsync<string>("() => typeof window.__pwned");
        var handlers = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].flatMap(e => [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name))"
        );
        // Every link and source as the browser reads it (its own URL parser): only http, https and mailto.
        var schemes = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main [href], main [src]')].map(e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), document.baseURI).protocol).filter(p => !['http:', 'https:', 'mailto:'].includes(p))"
        );
        Assert.Multiple(() =>
        {
            Assert.That(pwned, Is.EqualTo("undefined"), "a script ran");
            Assert.That(handlers, Is.Empty, "elements with an event handler attribute");
            Assert.That(schemes, Is.Empty, "links or sources with another scheme");
        });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/t/{taskId}$"));
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_comment_from_the_api_shows_its_markdown_and_plain_text_keeps_its_line_breaks()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket", description = "Step one\nStep two" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "# Colours\n\n1. red\n2. blue\n\n```\nmix()\n```" });
        var page = await NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{owner.Token}')");

        await OpenAppAsync(page, $"/t/{taskId}");

        var description = page.GetByTestId("task-description");
        await Expect(description.Locator("br")).ToHaveCountAsync(1); // a line break typed is a line break shown
        await Expect(description).ToContainTextAsync("Step one");
        var comment = page.GetByTestId("comment-body");
        await Expect(comment.Locator("h3")).ToHaveTextAsync("Colours"); // a comment's heading ranks below the page's own
        await Expect(comment.Locator("ol > li")).ToHaveTextAsync(["red", "blue"]);
        await Expect(comment.Locator("pre > code")).ToHaveTextAsync("mix()");
        await Expect(page.Locator("main h1")).ToHaveCountAsync(1);
        AssertNoPageErrors();
    }
}
