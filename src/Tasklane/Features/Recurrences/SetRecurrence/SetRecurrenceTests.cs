using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Recurrences.RecurrenceTestKit;

namespace Tasklane.Features.Recurrences.SetRecurrence;

public class SetRecurrenceTests
{
    [Test]
    public async Task Sets_a_rule_from_the_tasks_due_date_then_replaces_it_only_at_the_current_version()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Report", dueAt = "2027-03-19T17:00:00Z" }))
            .GetProperty("id")
            .GetGuid();

        using var created = await owner.SendRawAsync(
            HttpMethod.Put,
            $"tasks/{taskId}/recurrence",
            """{"frequency":"weekly","weekdays":["monday","monday"],"time":"09:00","timeZone":"Europe/Berlin"}"""
        );
        var first = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var replaced = await ApiClient.Send(
            owner.Http,
            HttpMethod.Put,
            $"tasks/{taskId}/recurrence",
            new
            {
                frequency = "every_n_days",
                interval = 2,
                time = "07:30",
                timeZone = "UTC",
            },
            HttpStatusCode.OK
        );
        using var stale = await owner.SendRawAsync(
            HttpMethod.Put,
            $"tasks/{taskId}/recurrence",
            JsonSerializer.Serialize(Daily()),
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        using var current = await owner.SendRawAsync(
            HttpMethod.Put,
            $"tasks/{taskId}/recurrence",
            JsonSerializer.Serialize(
                new
                {
                    frequency = "monthly",
                    monthDay = 31,
                    time = "12:00",
                    timeZone = "Europe/Berlin",
                }
            ),
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\"")
        );

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/tasks/{taskId}/recurrence"));
            Assert.That(first.GetProperty("frequency").GetString(), Is.EqualTo("weekly"));
            Assert.That(first.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "monday" }));
            Assert.That(first.GetProperty("time").GetString(), Is.EqualTo("09:00"));
            Assert.That(first.GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            // The first Monday after the due date, 09:00 in Berlin (winter time).
            Assert.That(first.GetProperty("nextAt").GetString(), Is.EqualTo("2027-03-22T08:00:00Z"));
            Assert.That(replaced.GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()), "the same series");
            Assert.That(replaced.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(replaced.GetProperty("interval").GetInt32(), Is.EqualTo(2));
            Assert.That(replaced.GetProperty("nextAt").GetString(), Is.EqualTo("2027-03-21T07:30:00Z"), "every 2 days from the due day");
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(stale.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK), await current.Content.ReadAsStringAsync());
            Assert.That(
                (await owner.GetAsync($"tasks/{taskId}/recurrence")).GetProperty("nextAt").GetString(),
                Is.EqualTo("2027-03-31T10:00:00Z")
            );
        });
    }

    [Test]
    public async Task Without_a_due_date_ahead_the_series_starts_after_now()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Water the plants", dueAt = "2020-01-01T00:00:00Z" }))
            .GetProperty("id")
            .GetGuid();
        var before = DateTime.UtcNow;

        var set = await SetAsync(owner, taskId, Daily("00:00"));

        var nextAt = set.GetProperty("nextAt").GetDateTime().ToUniversalTime();
        Assert.That(nextAt, Is.GreaterThan(before).And.LessThanOrEqualTo(before.AddDays(1)));
        Assert.That(nextAt.TimeOfDay, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("""{"time":"09:00","timeZone":"UTC"}""", "frequency")]
    [TestCase("""{"frequency":"yearly","time":"09:00","timeZone":"UTC"}""", "frequency")]
    [TestCase("""{"frequency":"daily","time":"09:00","timeZone":"Europe/Nowhere"}""", "timeZone")]
    [TestCase("""{"frequency":"daily","time":"09:00","timeZone":"../../etc/passwd"}""", "timeZone")]
    [TestCase("""{"frequency":"daily","time":"09:00","timeZone":"W. Europe Standard Time"}""", "timeZone")]
    [TestCase("""{"frequency":"daily","time":"09:00"}""", "timeZone")]
    [TestCase("""{"frequency":"daily","timeZone":"UTC"}""", "time")]
    [TestCase("""{"frequency":"daily","time":"25:00","timeZone":"UTC"}""", "time")]
    [TestCase("""{"frequency":"daily","time":"9:00","timeZone":"UTC"}""", "time")]
    [TestCase("""{"frequency":"daily","time":"09:00:00","timeZone":"UTC"}""", "time")]
    [TestCase("""{"frequency":"every_n_days","interval":0,"time":"09:00","timeZone":"UTC"}""", "interval")]
    [TestCase("""{"frequency":"every_n_days","interval":367,"time":"09:00","timeZone":"UTC"}""", "interval")]
    [TestCase("""{"frequency":"every_n_days","time":"09:00","timeZone":"UTC"}""", "interval")]
    [TestCase("""{"frequency":"daily","interval":2,"time":"09:00","timeZone":"UTC"}""", "interval")]
    [TestCase("""{"frequency":"weekly","time":"09:00","timeZone":"UTC"}""", "weekdays")]
    [TestCase("""{"frequency":"weekly","weekdays":[],"time":"09:00","timeZone":"UTC"}""", "weekdays")]
    [TestCase("""{"frequency":"weekly","weekdays":["funday"],"time":"09:00","timeZone":"UTC"}""", "weekdays")]
    [TestCase("""{"frequency":"monthly","monthDay":0,"time":"09:00","timeZone":"UTC"}""", "monthDay")]
    [TestCase("""{"frequency":"monthly","monthDay":32,"time":"09:00","timeZone":"UTC"}""", "monthDay")]
    [TestCase("""{"frequency":"monthly","time":"09:00","timeZone":"UTC"}""", "monthDay")]
    [TestCase("""{"frequency":"daily","monthDay":3,"time":"09:00","timeZone":"UTC"}""", "monthDay")]
    [TestCase("""{"frequency":"daily","time":"09:00","timeZone":"UTC","interval":"x"}""", "interval")]
    [TestCase("null", "body")]
    public async Task Invalid_rules_are_400_with_the_field_named(string body, string field)
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await owner.SendRawAsync(HttpMethod.Put, $"tasks/{taskId}/recurrence", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            field
        );
        await (await owner.Http.GetAsync($"tasks/{taskId}/recurrence")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_malformed_if_match_is_400_and_an_archived_projects_task_is_409()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        using var malformed = await owner.SendRawAsync(
            HttpMethod.Put,
            $"tasks/{taskId}/recurrence",
            JsonSerializer.Serialize(Daily()),
            r => r.Headers.TryAddWithoutValidation("If-Match", "1")
        );
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "If-Match");
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        using var archived = await owner.SendRawAsync(HttpMethod.Put, $"tasks/{taskId}/recurrence", JsonSerializer.Serialize(Daily()));
        await archived.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
