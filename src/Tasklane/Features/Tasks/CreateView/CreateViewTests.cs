using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.CreateView;

public class CreateViewTests
{
    [Test]
    public async Task A_saved_view_keeps_its_filters_sort_and_layout_and_runs_them()
    {
        var (owner, _, _, projectId) = await TeamAsync();
        await owner.CreateTaskAsync(projectId, new { title = "Urgent open", priority = "urgent" });
        await owner.CreateTaskAsync(
            projectId,
            new
            {
                title = "High started",
                priority = "high",
                status = "in_progress",
            }
        );
        await owner.CreateTaskAsync(
            projectId,
            new
            {
                title = "High done",
                priority = "high",
                status = "done",
            }
        );
        await owner.CreateTaskAsync(projectId, new { title = "Low open", priority = "low" });

        using var created = await owner.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/views",
            Json(
                new
                {
                    name = "  Hot  ",
                    query = "?status=todo,in_progress&priority=high,urgent&sort=priority&order=desc",
                    layout = "board",
                    shared = true,
                }
            )
        );
        var view = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var viewId = view.GetProperty("id").GetGuid();

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/views/{viewId}"));
            Assert.That(created.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(view.GetProperty("name").GetString(), Is.EqualTo("Hot"));
            Assert.That(
                view.GetProperty("query").GetString(),
                Is.EqualTo("status=todo,in_progress&priority=high,urgent&sort=priority&order=desc")
            );
            Assert.That(view.GetProperty("layout").GetString(), Is.EqualTo("board"));
            Assert.That(view.GetProperty("ownerId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(await TitlesAsync(owner, $"views/{viewId}/tasks"), Is.EqualTo(new[] { "Urgent open", "High started" }));
        });
    }

    [TestCase("""{"name":""}""", "name")]
    [TestCase("""{"name":"x","layout":"grid"}""", "layout")]
    [TestCase("""{"name":"x","query":"status=blocked"}""", "query.status")]
    [TestCase("""{"name":"x","query":"sort=colour"}""", "query.sort")]
    [TestCase("""{"name":"x","query":"limit=5"}""", "query.limit")]
    [TestCase("""{"name":"x","query":"after=abc"}""", "query.after")]
    [TestCase("""{"name":"x","query":"colour=red"}""", "query")]
    [TestCase("""{"name":"x","query":"dueBefore=tomorrow"}""", "query.dueBefore")]
    public async Task A_bad_view_is_400_naming_the_field(string body, string field)
    {
        var (owner, _, _, projectId) = await TeamAsync();

        using var response = await owner.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/views", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_viewer_keeps_views_of_their_own_but_cannot_share_one_and_a_stranger_gets_404()
    {
        var (_, viewer, _, projectId) = await TeamAsync("viewer");
        var stranger = await ApiClient.SignUpAsync();

        using var shared = await viewer.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/views",
            Json(new { name = "Mine", shared = true })
        );
        using var own = await viewer.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/views", Json(new { name = "Mine" }));
        using var foreign = await stranger.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/views", Json(new { name = "Theirs" }));

        await shared.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
