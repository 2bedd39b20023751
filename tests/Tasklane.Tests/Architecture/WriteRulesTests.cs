using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Tasklane.Tests.Architecture;

/// <summary>Rules that every write follows, kept in code rather than in reviewers' memory.</summary>
public partial class WriteRulesTests
{
    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "app.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("app.sln not found above the test directory.");
        }
    }

    private static string Product => Path.Combine(Root, "src", "Tasklane");

    private static IEnumerable<string> ProductFiles(string pattern) =>
        Directory
            .EnumerateFiles(Product, pattern, SearchOption.AllDirectories)
            .Where(f =>
                !f.EndsWith("Tests.cs", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Generated{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            );

    /// <summary>
    /// A write to a project's tasks, comments or attachments locks the project first (ProjectGuard): without it the write
    /// can land in a project archived a moment earlier; after any other statement it can deadlock with an archive.
    /// </summary>
    [Test]
    public void Every_write_to_a_projects_content_locks_the_project_first()
    {
        var areas = new[] { "Tasks", "Comments", "Attachments" }.Select(a => Path.Combine(Product, "Features", a));
        var writers = areas
            .SelectMany(a => Directory.EnumerateFiles(a, "*Endpoint.cs", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains("outbox.BeginAsync(", StringComparison.Ordinal))
            .ToList();
        var violations = (
            from file in writers
            let statements = File.ReadAllLines(file)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
                .ToList()
            let begin = statements.FindIndex(l => l.Contains("outbox.BeginAsync(", StringComparison.Ordinal))
            where
                begin + 1 >= statements.Count
                || !statements[begin + 1].StartsWith("if (await ProjectGuard.LockWritableAsync(tx, ", StringComparison.Ordinal)
            select Path.GetRelativePath(Root, file)
        ).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(writers, Has.Count.GreaterThanOrEqualTo(10), "the rule must see the writers it is about");
            Assert.That(
                violations,
                Is.Empty,
                "Right after outbox.BeginAsync: if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused) return Results.Problem(refused);"
            );
        });
    }

    /// <summary>
    /// One clock: a stored or answered time comes from the application's TimeProvider through DbTime.DbNow (microseconds,
    /// as Postgres keeps them), so a write's response equals the next read of it. The database's now() would be a second
    /// clock, and a raw DateTime a precision the database drops.
    /// </summary>
    [Test]
    public void Times_are_read_from_one_clock()
    {
        var csharp = (
            from file in ProductFiles("*.cs")
            where !file.EndsWith("DbTime.cs", StringComparison.Ordinal)
            from line in File.ReadAllLines(file).Select((text, i) => (text, number: i + 1))
            where DotNetNow().IsMatch(line.text)
            select $"{Path.GetRelativePath(Root, file)}:{line.number}: {line.text.Trim()}"
        ).ToList();
        var sql = (
            from file in ProductFiles("*.sql")
            from line in File.ReadAllLines(file).Select((text, i) => (text, number: i + 1))
            where !line.text.TrimStart().StartsWith("--", StringComparison.Ordinal) && SqlNow().IsMatch(line.text)
            select $"{Path.GetRelativePath(Root, file)}:{line.number}: {line.text.Trim()}"
        ).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(csharp, Is.Empty, "Use clock.DbNow() (an injected TimeProvider) for a time that is stored or answered.");
            Assert.That(sql, Is.Empty, "Pass the time as a parameter from clock.DbNow() instead of the database's clock.");
        });
    }

    [TestCase("var now = clock.GetUtcNow().UtcDateTime;", ExpectedResult = true)]
    [TestCase("CreatedAt = DateTime.UtcNow,", ExpectedResult = true)]
    [TestCase("var at = DateTime.Now;", ExpectedResult = true)]
    [TestCase("var now = clock.DbNow();", ExpectedResult = false)]
    [TestCase("var deadline = clock.GetUtcNow().AddSeconds(5);", ExpectedResult = false)]
    public bool The_clock_rule_spots_a_second_clock_in_code(string line) => DotNetNow().IsMatch(line);

    [TestCase("set last_used_at = now()", ExpectedResult = true)]
    [TestCase("where expires_at > NOW ( )", ExpectedResult = true)]
    [TestCase("values (current_timestamp)", ExpectedResult = true)]
    [TestCase("set last_used_at = @now", ExpectedResult = false)]
    [TestCase("where known_at > @now", ExpectedResult = false)]
    public bool The_clock_rule_spots_a_second_clock_in_SQL(string line) => SqlNow().IsMatch(line);

    [GeneratedRegex(@"\bDateTime\.(Utc)?Now\b|GetUtcNow\(\)\.UtcDateTime")]
    private static partial Regex DotNetNow();

    [GeneratedRegex(
        @"\b(now\s*\(\s*\)|current_timestamp|clock_timestamp|statement_timestamp|transaction_timestamp|localtimestamp)",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex SqlNow();
}
