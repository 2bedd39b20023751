using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Tasklane.Features.Tasks.ListTasks;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// Keeps the slices honest, on the compiled Tasklane assembly and its source:
/// a slice's own types are used only inside its area, SQL lives in .sql files, every endpoint has tests beside it.
/// The rules themselves are tested below on inputs that must and must not violate them.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Product = typeof(Tasklane.Infrastructure.Database.Sql).Assembly;

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

    private static IEnumerable<Type> ProductTypes() =>
        Product.GetTypes().Where(t => t.DeclaringType is null && t.Namespace?.StartsWith("Tasklane.", StringComparison.Ordinal) == true);

    [Test]
    public void A_slices_own_types_are_used_only_inside_its_area()
    {
        var violations = (
            from user in ProductTypes()
            from used in TypeReferences.Of(user)
            where used.Assembly == Product && used.Namespace is not null && SliceRules.Violates(user.Namespace!, used.Namespace)
            select $"{user.FullName} uses {used.FullName}").Distinct().Order().ToList();

        Assert.That(violations, Is.Empty,
            "Move what several areas need to the area level (Features/<Area>/*.cs, e.g. events and responses) or to Infrastructure.");
    }

    [Test]
    public void Product_code_under_Features_has_no_SQL_in_string_literals()
    {
        var features = Path.Combine(Root, "src", "Tasklane", "Features");
        var violations = (
            from file in Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            where !file.EndsWith("Tests.cs", StringComparison.Ordinal) // tests may arrange rows with SQL; they never ship
            from literal in SliceRules.StringLiterals(File.ReadAllText(file))
            where SliceRules.LooksLikeSql(literal.Text)
            select $"{Path.GetRelativePath(Root, file)}:{literal.Line}: {literal.Text.Trim()}").ToList();

        Assert.That(violations, Is.Empty, "SQL goes into a .sql file beside the slice, loaded with Sql.Load.");
    }

    /// <summary>
    /// Every message handler is pinned to the queue of its subscriber: an unpinned one would run wherever Wolverine
    /// routes the message, and a second handler of a message on the same queue would share its retries.
    /// </summary>
    [Test]
    public void Every_message_handler_names_its_queue_and_each_queue_has_one_handler_per_message()
    {
        var handlers = (
            from type in ProductTypes()
            where type.Name.EndsWith("Handler", StringComparison.Ordinal) || type.Name.EndsWith("Consumer", StringComparison.Ordinal)
            where type.GetCustomAttribute<Wolverine.Attributes.WolverineIgnoreAttribute>() is null
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            where method.Name is "Handle" or "HandleAsync" or "Consume" or "ConsumeAsync" && method.GetParameters().Length > 0
            select (Type: type, Message: method.GetParameters()[0].ParameterType,
                Queue: type.GetCustomAttribute<Wolverine.Attributes.StickyHandlerAttribute>()?.EndpointName)).ToList();

        Assert.That(handlers, Is.Not.Empty, "the rule found no handlers");
        Assert.Multiple(() =>
        {
            Assert.That(handlers.Where(h => h.Queue is null).Select(h => h.Type.FullName).Distinct(), Is.Empty,
                "Put [StickyHandler(Queues.X)] on the handler class, or name it …Decision if it is a pure rule the endpoint calls (Wolverine routes only …Handler and …Consumer classes).");
            Assert.That(handlers.GroupBy(h => (h.Queue, h.Message)).Where(g => g.Select(h => h.Type).Distinct().Count() > 1)
                    .Select(g => $"{g.Key.Message.Name} on {g.Key.Queue}: {string.Join(", ", g.Select(h => h.Type.Name).Distinct())}"),
                Is.Empty, "Give each subscriber of a message its own queue.");
        });
    }

    /// <summary>
    /// Connections go back to the pool without a reset (<c>No Reset On Close</c>), so no statement may leave session
    /// state behind for the next request: only <c>set local</c> and <c>set transaction</c>, transaction-scoped advisory locks, no LISTEN.
    /// </summary>
    [Test]
    public void No_sql_file_leaves_session_state_on_a_pooled_connection()
    {
        // A statement that starts a session setting, or a call that takes a session lock or sets one for the session.
        var statement = new Regex(@"^(set\s+(?!local\b|transaction\b)|reset\b|listen\b|prepare\b|create\s+temp)", RegexOptions.IgnoreCase);
        var call = new Regex(@"pg_advisory_lock(_shared)?\s*\(|set_config\s*\([^)]*false\s*\)", RegexOptions.IgnoreCase);
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", "Tasklane"), "*.sql", SearchOption.AllDirectories).ToList();
        var violations = (
            from file in files
            from sql in Regex.Replace(File.ReadAllText(file), @"--[^\n]*", "").Split(';')
            let trimmed = sql.Trim()
            where statement.IsMatch(trimmed) || call.IsMatch(trimmed)
            select $"{Path.GetRelativePath(Root, file)}: {trimmed.Split('\n')[0]}").ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.That(violations, Is.Empty, "Use set local and pg_advisory_xact_lock inside the transaction.");
    }

    [Test]
    public void Every_endpoint_has_tests_in_its_folder()
    {
        var endpoints = (
            from type in Product.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            where method.GetCustomAttributes<WolverineHttpMethodAttribute>().Any()
            select (Type: TypeReferences.Owner(type), Method: method)).ToList();
        var missing = endpoints
            .Where(e => !SliceRules.HasTests(FolderOf(e.Type)))
            .Select(e => $"{e.Type.FullName}.{e.Method.Name} ({Path.GetRelativePath(Root, FolderOf(e.Type))})")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(endpoints, Has.Count.GreaterThan(40), "the scan sees the endpoints");
            Assert.That(missing, Is.Empty, "Each endpoint needs a <UseCase>Tests.cs with at least one [Test] in its folder.");
        });
    }

    [Test]
    public void No_endpoint_takes_a_raw_json_body()
    {
        var endpoints = (
            from type in Product.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            where method.GetCustomAttributes<WolverineHttpMethodAttribute>().Any()
            select method).ToList();
        var raw = endpoints
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(System.Text.Json.JsonElement)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(endpoints, Has.Count.GreaterThan(40), "the scan sees the endpoints");
            Assert.That(raw, Is.Empty,
                "A JsonElement body is blank in the OpenAPI document and the typed client: declare a record (Optional<T> where absent and null differ).");
        });
    }

    private static string FolderOf(Type type) =>
        Path.Combine([Root, "src", "Tasklane", .. type.Namespace!["Tasklane.".Length..].Split('.')]);

    // The rules on their own: each must catch what it is for and let the allowed cases through.

    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = true)]
    [TestCase("Tasklane.Infrastructure.Http", "Tasklane.Features.Tasks.CreateTask", ExpectedResult = true)]
    [TestCase("Tasklane.Features.Tasks.MoveTask", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.Tasks", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Features.Tasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.TasksExtra.X", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = true)]
    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Infrastructure.Auth", ExpectedResult = false)]
    public bool The_area_rule(string user, string used) => SliceRules.Violates(user, used);

    [Test]
    public void The_reference_reader_sees_uses_inside_method_bodies_and_lambdas()
    {
        var used = TypeReferences.Of(typeof(ListTasksEndpoint));

        // TaskListQuery appears only in method bodies (Validate and Get), TaskCursors only inside expressions.
        Assert.That(used, Does.Contain(typeof(TaskListQuery)).And.Contain(typeof(TaskCursors)));
    }

    [TestCase("var q = \"select id from users where id = @id\";", ExpectedResult = true)]
    [TestCase("var q = @\"insert into t (a)\nvalues (@a)\";", ExpectedResult = true)]
    [TestCase("var q = \"\"\"\n  update tasks set title = @title\n  \"\"\";", ExpectedResult = true)]
    [TestCase("var q = $\"and (@afterId::uuid is null or task_id {cmp} @afterId)\";", ExpectedResult = true)]
    [TestCase("var q = \"on conflict do nothing\";", ExpectedResult = true)]
    [TestCase("var q = \"SELECT id FROM users WHERE id = @id\";", ExpectedResult = true)]
    [TestCase("// select id from users where id = @id\nvar q = \"Select a file from the list\";", ExpectedResult = false)]
    [TestCase("/* insert into t values (@a) */ var q = \"ann@example.com\";", ExpectedResult = false)]
    [TestCase("var q = Sql.Load(typeof(X), \"X.sql\"); var c = '\"';", ExpectedResult = false)]
    public bool The_SQL_rule(string source) => SliceRules.StringLiterals(source).Any(l => SliceRules.LooksLikeSql(l.Text));

    [Test]
    public void The_tests_rule()
    {
        var folder = Directory.CreateTempSubdirectory("slice-").FullName;
        try
        {
            var before = SliceRules.HasTests(folder);
            File.WriteAllText(Path.Combine(folder, "XTests.cs"), "public class XTests { }");
            var withoutTest = SliceRules.HasTests(folder);
            File.WriteAllText(Path.Combine(folder, "XTests.cs"), "public class XTests { [Test] public void A() { } }");
            Assert.Multiple(() =>
            {
                Assert.That(before, Is.False);
                Assert.That(withoutTest, Is.False);
                Assert.That(SliceRules.HasTests(folder), Is.True);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
