using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.UpdateCustomField;

public class UpdateCustomFieldTests
{
    [Test]
    public async Task Renames_keeps_renamed_options_and_removes_a_dropped_option_from_every_task()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var field = await CreateFieldAsync(client, workspaceId, "Stage", "multi_select", "Design", "Build", "Ship");
        var single = await CreateFieldAsync(client, workspaceId, "Size", "single_select", "S", "L");
        var (design, build, ship) = (OptionId(field, "Design"), OptionId(field, "Build"), OptionId(field, "Ship"));
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var other = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        (
            await SetValuesAsync(
                client,
                task,
                $$"""{"{{Id(field)}}":["{{design}}","{{build}}"],"{{Id(single)}}":"{{OptionId(single, "L")}}"}"""
            )
        ).EnsureSuccessStatusCode();
        (await SetValuesAsync(client, other, $$"""{"{{Id(field)}}":["{{design}}"]}""")).EnsureSuccessStatusCode();
        var versionBefore = (await client.GetAsync($"tasks/{other}")).GetProperty("version").GetInt32();

        var updated = await client.PatchAsync(
            $"workspaces/{workspaceId}/custom-fields/{Id(field)}",
            new
            {
                name = "Phase",
                options = new object[] { new { id = build, name = "Building" }, new { id = ship, name = "Ship" }, new { name = "Done" } },
            }
        );
        await client.PatchAsync(
            $"workspaces/{workspaceId}/custom-fields/{Id(single)}",
            new { options = new object[] { new { id = OptionId(single, "S"), name = "S" } } }
        );
        var values = await ValuesAsync(client, task);
        var others = await client.GetAsync($"tasks/{other}");

        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("name").GetString(), Is.EqualTo("Phase"));
            Assert.That(updated.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(OptionId(updated, "Building"), Is.EqualTo(build));
            Assert.That(OptionId(updated, "Done"), Is.Not.EqualTo(design));
            Assert.That(values.GetProperty(Id(field).ToString()).EnumerateArray().Select(o => o.GetGuid()), Is.EqualTo(new[] { build }));
            Assert.That(values.TryGetProperty(Id(single).ToString(), out _), Is.False, "the single choice of a removed option goes");
            Assert.That(
                others.GetProperty("customFields").EnumerateObject(),
                Is.Empty,
                "the last option of a multiple choice goes with it"
            );
            Assert.That(others.GetProperty("version").GetInt32(), Is.EqualTo(versionBefore + 1), "a rewritten task's ETag moves on");
        });
    }

    [Test]
    public async Task A_stale_if_match_is_412_a_taken_name_409_and_bad_fields_400()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var field = await CreateFieldAsync(client, workspaceId, "Estimate", "number");
        var select = await CreateFieldAsync(client, workspaceId, "Size", "single_select", "S");
        await client.PatchAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}", new { name = "Points" });
        var path = $"workspaces/{workspaceId}/custom-fields/{Id(field)}";

        var stale = await client.Http.SendAsync(WithIfMatch(HttpMethod.Patch, path, "\"1\"", new { name = "Hours" }));
        var taken = await client.Http.PatchAsJsonAsync(path, new { name = "size" });
        var unknown = await client.SendRawAsync(HttpMethod.Patch, path, """{"type":"text"}""");
        var optionsOnNumber = await client.SendRawAsync(HttpMethod.Patch, path, """{"options":[{"name":"a"}]}""");
        var foreignOption = await client.SendRawAsync(
            HttpMethod.Patch,
            $"workspaces/{workspaceId}/custom-fields/{Id(select)}",
            $$"""{"options":[{"id":"{{Guid.CreateVersion7()}}","name":"M"}]}"""
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await taken.AssertProblemAsync(HttpStatusCode.Conflict);
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "type");
        await optionsOnNumber.AssertProblemAsync(HttpStatusCode.BadRequest, "options");
        await foreignOption.AssertProblemAsync(HttpStatusCode.BadRequest, "options");
    }

    [Test]
    public async Task A_task_write_waiting_for_a_field_holds_no_task_lock_so_a_field_change_cannot_deadlock_with_it()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var field = await CreateFieldAsync(client, workspaceId, "Size", "single_select", "S", "L");
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        // A field's writers (an option removed, the field deleted) lock the field, then the tasks whose values they rewrite.
        // Held here like one of them: the task write must wait for the field before it locks the task, or the two deadlock.
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.OpenAsync();
        await using var fieldWriter = await db.BeginTransactionAsync();
        await db.ExecuteAsync("select 1 from custom_fields where id = @id for update", new { id = Id(field) }, fieldWriter);
        var write = SetValuesAsync(client, task, $$"""{"{{Id(field)}}":"{{OptionId(field, "L")}}"}""");
        await WaitingAsync("%from custom_fields%for share%");
        var taskLocked = await db.ExecuteScalarAsync<bool>(
            "select not exists (select 1 from task_rows where id = @task for update skip locked)",
            new { task },
            fieldWriter
        );
        await fieldWriter.RollbackAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(taskLocked, Is.False, "the task write held the task while it waited for the field");
            Assert.That((await write).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ValuesAsync(client, task)).GetProperty(Id(field).ToString()).GetGuid(), Is.EqualTo(OptionId(field, "L")));
        });
    }

    /// <summary>Until a statement like <paramref name="pattern"/> waits for a lock.</summary>
    /// <remarks>From a connection of its own: within a transaction, pg_stat_activity stays as it was first read.</remarks>
    private static async Task WaitingAsync(string pattern)
    {
        await using var probe = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(
            await ApiClient.EventuallyAsync(
                () =>
                    probe.ExecuteScalarAsync<bool>(
                        "select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike @pattern)",
                        new { pattern }
                    ),
                waiting => waiting,
                TimeSpan.FromSeconds(10)
            ),
            Is.True,
            $"no statement like {pattern} waits for a lock"
        );
    }

    [Test]
    public async Task An_unchanged_patch_keeps_the_version()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var field = await CreateFieldAsync(client, workspaceId, "Estimate", "number");

        var same = await client.PatchAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}", new { name = "Estimate" });

        Assert.That(same.GetProperty("version").GetInt32(), Is.EqualTo(1));
    }
}
