using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Search.SearchWorkspace;

public class SearchWorkspaceTests
{
    private static async Task<List<JsonElement>> SearchAsync(ApiClient client, Guid workspaceId, string q) =>
        (await client.GetAsync($"workspaces/{workspaceId}/search?q={Uri.EscapeDataString(q)}"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();

    [Test]
    public async Task Finds_tasks_and_comments_of_this_workspace_only_ranked_with_highlights()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var (otherWorkspaceId, otherProjectId) = await client.CreateProjectInNewWorkspaceAsync();
        var titled = (await client.CreateTaskAsync(projectId, new { title = "Refuel the rocket" })).GetProperty("id").GetGuid();
        var described = (
            await client.CreateTaskAsync(projectId, new { title = "Countdown", description = "Wait until the rocket is fuelled." })
        )
            .GetProperty("id")
            .GetGuid();
        await client.CreateTaskAsync(projectId, new { title = "Unrelated", description = "Nothing to see" });
        var commentId = (await client.PostAsync($"tasks/{described}/comments", new { body = "The rocket looks great" }))
            .GetProperty("id")
            .GetGuid();
        var foreignTask = (await client.CreateTaskAsync(otherProjectId, new { title = "Rocket in another workspace" }))
            .GetProperty("id")
            .GetGuid();
        await client.PostAsync($"tasks/{foreignTask}/comments", new { body = "another rocket" });

        var hits = await SearchAsync(client, workspaceId, "rockets");

        Assert.That(hits.Select(h => h.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { titled, described, commentId }));
        var ranks = hits.Select(h => h.GetProperty("rank").GetDouble()).ToList();
        var comment = hits.Single(h => h.GetProperty("type").GetString() == "comment");
        Assert.Multiple(() =>
        {
            Assert.That(ranks, Is.Ordered.Descending);
            Assert.That(hits[0].GetProperty("id").GetGuid(), Is.EqualTo(titled), "a title match outranks a description match");
            Assert.That(hits[0].GetProperty("highlight").GetString(), Does.Contain("<mark>rocket</mark>"));
            Assert.That(comment.GetProperty("taskId").GetGuid(), Is.EqualTo(described));
            Assert.That(comment.GetProperty("projectId").GetGuid(), Is.EqualTo(projectId));
            Assert.That(comment.GetProperty("title").GetString(), Is.EqualTo("Countdown"));
            Assert.That(comment.GetProperty("highlight").GetString(), Is.EqualTo("The <mark>rocket</mark> looks great"));
        });
        Assert.That(await SearchAsync(client, otherWorkspaceId, "rocket"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Deleted_and_edited_away_text_is_not_found()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Plain" })).GetProperty("id").GetGuid();
        var deleted = (await client.PostAsync($"tasks/{taskId}/comments", new { body = "walrus" })).GetProperty("id").GetGuid();
        var edited = (await client.PostAsync($"tasks/{taskId}/comments", new { body = "walrus too" })).GetProperty("id").GetGuid();
        await client.Http.DeleteAsync($"comments/{deleted}");
        await client.PatchAsync($"comments/{edited}", new { body = "penguin" });
        await client.PatchAsync($"tasks/{taskId}", new { title = "Walrus watch" });

        var hits = await SearchAsync(client, workspaceId, "walrus");

        Assert.That(hits.Select(h => h.GetProperty("type").GetString()), Is.EqualTo(new[] { "task" }));
        Assert.That(
            (await SearchAsync(client, workspaceId, "penguin")).Select(h => h.GetProperty("id").GetGuid()),
            Is.EqualTo(new[] { edited })
        );
    }

    [Test]
    public async Task Highlights_escape_html_in_the_text()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "<script>alert(1)</script> zebra & co" });

        var highlight = (await SearchAsync(client, workspaceId, "zebra")).Single().GetProperty("highlight").GetString();

        // The excerpt may start after the first entity, but never inside one.
        Assert.That(
            highlight,
            Does.Contain("&lt;/script&gt;")
                .And.Contain("<mark>zebra</mark> &amp; co")
                .And.Not.Contain("<script")
                .And.Not.Contain("</script")
        );
    }

    [Test]
    public async Task Pages_through_ranked_hits_once_each()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var expected = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Equal ranks for some, different for others: the cursor must handle both.
            var title = i % 2 == 0 ? "llama" : $"llama llama {i}";
            expected.Add((await client.CreateTaskAsync(projectId, new { title })).GetProperty("id").GetGuid());
        }

        var seen = new List<Guid>();
        var ranks = new List<double>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetAsync(
                $"workspaces/{workspaceId}/search?q=llama&limit=2" + (cursor is null ? "" : $"&after={cursor}")
            );
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()));
            ranks.AddRange(page.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("rank").GetDouble()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen, Is.EquivalentTo(expected).And.Unique);
            Assert.That(ranks, Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task A_deleted_projects_tasks_and_comments_are_not_found_until_it_is_restored()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, deletedProject) = await client.CreateProjectInNewWorkspaceAsync();
        var liveProject = await client.CreateProjectAsync(workspaceId, "Live");
        var hidden = (await client.CreateTaskAsync(deletedProject, new { title = "Feed the quokka" })).GetProperty("id").GetGuid();
        var hiddenComment = (await client.PostAsync($"tasks/{hidden}/comments", new { body = "quokka fed" })).GetProperty("id").GetGuid();
        var visible = (await client.CreateTaskAsync(liveProject, new { title = "Photograph the quokka" })).GetProperty("id").GetGuid();

        Assert.That((await client.Http.DeleteAsync($"projects/{deletedProject}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var whileDeleted = await SearchAsync(client, workspaceId, "quokka");
        await client.PostAsync($"projects/{deletedProject}/restore", null, HttpStatusCode.OK);
        var afterRestore = await SearchAsync(client, workspaceId, "quokka");

        Assert.Multiple(() =>
        {
            Assert.That(whileDeleted.Select(h => h.GetProperty("id").GetGuid()), Is.EqualTo(new[] { visible }));
            Assert.That(afterRestore.Select(h => h.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { visible, hidden, hiddenComment }));
        });
    }

    [Test]
    public async Task A_term_with_more_matches_than_the_candidates_is_ranked_among_the_newest_only()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        // The best match of all, but older than the newest Candidates matches; its own word makes it findable alone.
        var oldBest = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddDays(-1));
        var newer = Enumerable.Range(0, SearchWorkspaceDecision.Candidates).Select(_ => Guid.CreateVersion7()).Order().ToArray();
        string[] titles = [.. newer[..^1].Select(_ => "pelican note"), "pelican pelican pelican"];
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                """
                insert into tasks (id, workspace_id, project_id, title, status, priority, position, created_by, created_at, updated_at)
                select t.id, @workspaceId, @projectId, t.title, 'todo', 'normal', t.n * 1024, @userId, now(), now()
                from unnest(@ids, @titles) with ordinality as t (id, title, n)
                """,
                new
                {
                    workspaceId,
                    projectId,
                    userId = client.UserId,
                    ids = newer.Prepend(oldBest).ToArray(),
                    titles = titles.Prepend("pelican pelican pelican pelican albatross").ToArray(),
                }
            );
        }

        var hits = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await client.GetAsync(
                $"workspaces/{workspaceId}/search?q=pelican&limit=200" + (cursor is null ? "" : $"&after={cursor}")
            );
            hits.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        var ids = hits.Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EquivalentTo(newer).And.Unique, "exactly the newest matches, each once");
            Assert.That(ids[0], Is.EqualTo(newer[^1]), "the best of them first");
            Assert.That(hits.Select(h => h.GetProperty("rank").GetDouble()), Is.Ordered.Descending);
        });
        var alone = await SearchAsync(client, workspaceId, "albatross");
        Assert.That(
            alone.Select(h => h.GetProperty("id").GetGuid()),
            Is.EqualTo(new[] { oldBest }),
            "with few matches, old tasks are found"
        );
    }

    [TestCase("", "q")]
    [TestCase("q=", "q")]
    [TestCase("q=%20%20", "q")]
    [TestCase("q=x&limit=0", "limit")]
    [TestCase("q=x&limit=201", "limit")]
    [TestCase("q=x&after=garbage", "after")]
    [TestCase("q=x&after=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        await (await client.Http.GetAsync($"workspaces/{workspaceId}/search?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_query_over_200_characters_is_400_and_odd_syntax_is_not_an_error()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var tooLong = await client.Http.GetAsync($"workspaces/{workspaceId}/search?q={new string('a', 201)}");
        var odd = await client.GetAsync($"workspaces/{workspaceId}/search?q={Uri.EscapeDataString("\"unclosed or -( & ! :* the")}");

        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "q");
        Assert.That(odd.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.CreateTaskAsync(projectId, new { title = "secret" });

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/search?q=secret")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public void The_cursor_round_trips_rank_and_id_and_refuses_garbage()
    {
        var id = Guid.CreateVersion7();
        var encoded = SearchWorkspaceDecision.EncodeCursor(0.0607927f, id);

        Assert.Multiple(() =>
        {
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(encoded, out var cursor), Is.True);
            Assert.That(cursor, Is.EqualTo((0.0607927f, id)));
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(null, out var none) && none is null, Is.True);
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(encoded[..^1], out _), Is.False);
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(new string('!', 27), out _), Is.False);
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(new string('!', encoded.Length), out _), Is.False);
            Assert.That(SearchWorkspaceDecision.TryDecodeCursor(SearchWorkspaceDecision.EncodeCursor(float.NaN, id), out _), Is.False);
        });
    }

    [Test]
    public async Task A_highlight_of_a_very_long_word_is_cut_to_the_documented_maximum()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        // Long words (pasted links, say): ts_headline's excerpt of some 35 words is longer than the maximum.
        var word = new string('x', 100);
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "okapi & " + string.Join(' ', Enumerable.Repeat(word, 60)) });

        var highlight = (await SearchAsync(client, workspaceId, "okapi")).Single().GetProperty("highlight").GetString()!;

        Assert.Multiple(() =>
        {
            Assert.That(highlight, Has.Length.LessThanOrEqualTo(SearchWorkspaceDecision.HighlightMax));
            Assert.That(highlight, Does.StartWith($"<mark>okapi</mark> &amp; {word} {word}").And.EndWith("…"));
            AssertWellFormed(highlight);
        });
    }

    [Test]
    public void A_highlight_over_the_maximum_is_cut_to_it_with_an_ellipsis()
    {
        var highlight = string.Concat(Enumerable.Repeat("Refuel the <mark>rocket</mark> &amp; ", 100));
        var hit = new SearchHit("task", Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "Refuel", highlight, 0.5f);
        var shortHit = hit with { Id = Guid.CreateVersion7(), Highlight = "Refuel the <mark>rocket</mark>" };

        var page = SearchWorkspaceDecision.ToPage([hit, shortHit], 50);
        var cut = page.Items[0].Highlight;

        Assert.Multiple(() =>
        {
            Assert.That(highlight, Has.Length.GreaterThan(SearchWorkspaceDecision.HighlightMax));
            Assert.That(
                cut,
                Has.Length.LessThanOrEqualTo(SearchWorkspaceDecision.HighlightMax)
                    .And.Length.GreaterThan(SearchWorkspaceDecision.HighlightMax - 20)
            );
            Assert.That(cut, Does.EndWith("…"));
            Assert.That(highlight, Does.StartWith(Kept(highlight, cut)));
            Assert.That(
                page.Items[1].Highlight,
                Is.EqualTo("Refuel the <mark>rocket</mark>"),
                "a highlight within the maximum is left as it is"
            );
            AssertWellFormed(cut);
        });
    }

    [TestCase(8, "abcd…", Description = "the entity would end past the cut: it goes whole")]
    [TestCase(9, "abcd…")]
    [TestCase(10, "abcd&amp;…", Description = "the entity fits whole")]
    public void A_cut_at_an_entity_keeps_it_whole_or_leaves_it_out(int max, string expected) =>
        Assert.That(SearchWorkspaceDecision.CutHighlight("abcd&amp;efgh", max), Is.EqualTo(expected));

    [TestCase(7, "The …", Description = "inside the opening tag")]
    [TestCase(18, "The …", Description = "right after the opening tag: no empty mark")]
    [TestCase(20, "The <mark>ro</mark>…", Description = "inside the mark: it is closed")]
    [TestCase(23, "The <mark>rocke</mark>…", Description = "inside the closing tag")]
    [TestCase(24, "The <mark>rocket</mark>…", Description = "right after the closing tag")]
    [TestCase(26, "The <mark>rocket</mark> l…")]
    public void A_cut_at_a_mark_never_splits_a_tag_and_closes_an_open_mark(int max, string expected) =>
        Assert.That(SearchWorkspaceDecision.CutHighlight("The <mark>rocket</mark> looks great", max), Is.EqualTo(expected));

    [Test]
    public void Every_cut_of_a_highlight_is_well_formed_and_within_its_maximum()
    {
        var highlight = "a &amp; <mark>b\ud83d\ude80c</mark> &lt;d&gt; <mark>e</mark>f &amp;";

        Assert.Multiple(() =>
        {
            for (var max = 1; max < highlight.Length; max++)
            {
                var cut = SearchWorkspaceDecision.CutHighlight(highlight, max);
                Assert.That(cut, Has.Length.LessThanOrEqualTo(max).And.EndWith("…"), $"max {max}");
                Assert.That(highlight, Does.StartWith(Kept(highlight, cut)), $"max {max}: a prefix of the highlight, and the closing tag");
                AssertWellFormed(cut);
            }
        });
    }

    /// <summary>What a cut kept of <paramref name="highlight"/>: without the ellipsis and a closing tag the cut added.</summary>
    private static string Kept(string highlight, string cut)
    {
        var kept = cut[..^1];
        return kept.EndsWith("</mark>", StringComparison.Ordinal) && !highlight.StartsWith(kept, StringComparison.Ordinal)
            ? kept[..^7]
            : kept;
    }

    /// <summary>Tags balanced and never nested, every '&amp;' starts a whole entity, no lone surrogate.</summary>
    private static void AssertWellFormed(string highlight)
    {
        var open = false;
        for (var i = 0; i < highlight.Length; i++)
        {
            var rest = highlight.AsSpan(i);
            if (rest.StartsWith("<mark>", StringComparison.Ordinal) || rest.StartsWith("</mark>", StringComparison.Ordinal))
            {
                var opening = rest[1] != '/';
                Assert.That(opening, Is.Not.EqualTo(open), $"tags alternate in '{highlight}'");
                open = opening;
                i += opening ? 5 : 6;
            }
            else
            {
                Assert.That(rest[0], Is.Not.EqualTo('<').And.Not.EqualTo('>'), $"only mark tags in '{highlight}'");
                Assert.That(
                    rest[0] != '&'
                        || rest.StartsWith("&amp;", StringComparison.Ordinal)
                        || rest.StartsWith("&lt;", StringComparison.Ordinal)
                        || rest.StartsWith("&gt;", StringComparison.Ordinal),
                    Is.True,
                    $"whole entities in '{highlight}'"
                );
                Assert.That(
                    char.IsSurrogate(rest[0])
                        && !(char.IsHighSurrogate(rest[0]) && rest.Length > 1 && char.IsLowSurrogate(rest[1]))
                        && !(char.IsLowSurrogate(rest[0]) && i > 0 && char.IsHighSurrogate(highlight[i - 1])),
                    Is.False,
                    $"surrogate pairs whole in '{highlight}'"
                );
            }
        }

        Assert.That(open, Is.False, $"every mark closed in '{highlight}'");
    }
}
