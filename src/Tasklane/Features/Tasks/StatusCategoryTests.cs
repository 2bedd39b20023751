using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;

namespace Tasklane.Features.Tasks;

/// <summary>Statuses and priorities are types in the code and the same strings on the wire and in the database.</summary>
public class StatusCategoryTests
{
    private sealed record Row(StatusCategory Status, TaskPriority? Priority);

    [Test]
    public void Json_spells_the_names_and_reads_an_unknown_name_as_no_value_for_validation_to_report()
    {
        var json = JsonSerializer.Serialize(new Row(StatusCategory.InProgress, TaskPriority.Urgent), JsonSerializerOptions.Web);
        var unknown = JsonSerializer.Deserialize<Row>("""{"status":"blocked","priority":"In_Progress"}""", JsonSerializerOptions.Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(json, Is.EqualTo("""{"status":"in_progress","priority":"urgent"}"""));
            Assert.That(unknown.Status.IsDefined, Is.False);
            Assert.That(unknown.Priority, Is.EqualTo(default(TaskPriority)));
            Assert.Throws<JsonException>(
                () => JsonSerializer.Deserialize<Row>("""{"status":1}""", JsonSerializerOptions.Web),
                "a number is no name"
            );
            Assert.Throws<InvalidOperationException>(
                () => JsonSerializer.Serialize(unknown, JsonSerializerOptions.Web),
                "no value never leaves"
            );
        });
    }

    [Test]
    public async Task Dapper_writes_and_reads_them_as_text()
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);

        var text = await db.QuerySingleAsync<(string, string)>(
            "select @Status::text, @Priority::text",
            new Row(StatusCategory.Done, TaskPriority.Low)
        );
        var row = await db.QuerySingleAsync<Row>("select 'in_progress' as status, null::text as priority");

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(("done", "low")));
            Assert.That(row, Is.EqualTo(new Row(StatusCategory.InProgress, null)));
        });
    }

    /// <summary>The priority sort compares tasks.priority_rank, and its cursors carry the rank of the page's last task.</summary>
    [Test]
    public async Task A_priority_ranks_as_the_database_ranks_it()
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var definition = await db.QuerySingleAsync<string>(
            "select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum where a.attrelid = 'task_rows'::regclass and a.attname = 'priority_rank'"
        );

        Assert.That(TaskPriority.All.Select(p => p.Rank), Is.EqualTo(new short[] { 0, 1, 2, 3 }));
        foreach (var priority in TaskPriority.All.SkipLast(1))
        {
            Assert.That(definition, Does.Contain($"'{priority.Name}'::text THEN {priority.Rank}"), definition);
        }
    }

    [Test]
    public void Names_parse_exactly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StatusCategory.All.Select(s => s.Name), Is.EqualTo(new[] { "todo", "in_progress", "done" }));
            Assert.That(TaskPriority.All.Select(p => p.Name), Is.EqualTo(new[] { "low", "normal", "high", "urgent" }));
            Assert.That(StatusCategory.Parse("in_progress"), Is.EqualTo(StatusCategory.InProgress));
            Assert.That(TaskPriority.TryParse("High", out _), Is.False);
            Assert.Throws<ArgumentOutOfRangeException>(() => StatusCategory.Parse("blocked"));
            Assert.Throws<InvalidOperationException>(() => _ = default(StatusCategory).Name);
        });
    }
}
