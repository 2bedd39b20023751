using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using NUnit.Framework;
using Tasklane.Tests.Architecture.Planted;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// Each rule of <see cref="ArchitectureTests"/> on planted violations (<c>Planted.cs</c>, source snippets): it must report
/// what it is for and let the allowed cases through. A rule that cannot fail would keep nothing honest.
/// </summary>
public class PlantedViolationTests
{
    private const string Features = "Tasklane.Tests.Architecture.Planted.Features.";

    private static readonly Lazy<ArchModel> LazyPlanted = new(() =>
        new ArchLoader().LoadNamespacesWithinAssembly(typeof(Root).Assembly, Root.Namespace).Build()
    );

    private static ArchModel Planted => LazyPlanted.Value;

    private static SliceRules Rules(string featuresFolder = "") => new(Root.Namespace, featuresFolder);

    /// <summary>The outermost types the rule reports, without the planted namespace.</summary>
    private static List<string> Violators(IArchRule rule) =>
        rule.Evaluate(Planted)
            .Where(r => !r.Passed)
            .Select(r => r.EvaluatedObject is IType t ? t.FullName.Split('+')[0][(Root.Namespace.Length + 1)..] : r.Description)
            .Distinct()
            .Order()
            .ToList();

    [Test]
    public void The_area_rule_reports_slice_types_used_from_another_area_also_inside_lambdas_and_async_bodies() =>
        Assert.That(
            Violators(Rules().SliceTypesStayInTheirArea()),
            Is.EqualTo(
                new[]
                {
                    "Features.Search.SearchWorkspace.SearchInAsyncBody",
                    "Features.Search.SearchWorkspace.SearchInLambda",
                    "Features.Search.SearchWorkspace.SearchInSignature",
                }
            )
        );

    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = true)]
    [TestCase("Tasklane.Infrastructure.Http", "Tasklane.Features.Tasks.CreateTask", ExpectedResult = true)]
    [TestCase("Tasklane.Features.Tasks.MoveTask", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.Tasks", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Features.Tasks", ExpectedResult = false)]
    [TestCase("Tasklane.Features.TasksExtra.X", "Tasklane.Features.Tasks.ListTasks", ExpectedResult = true)]
    [TestCase("Tasklane.Features.Search.SearchWorkspace", "Tasklane.Infrastructure.Auth", ExpectedResult = false)]
    public bool The_area_rule_on_namespaces(string user, string used) => new SliceRules("Tasklane", "").IsForeignSliceType(user, used);

    [Test]
    public void The_infrastructure_rule_reports_uses_of_Features_except_known_ones()
    {
        var known = new HashSet<string> { $"{Root.Namespace}.Infrastructure.Http.KnownCase → {Features}Tasks.TaskWatched" };

        Assert.That(
            Violators(Rules().InfrastructureDoesNotDependOnFeatures(known)),
            Is.EqualTo(new[] { "Infrastructure.Http.ReachesIntoFeatures" })
        );
    }

    [Test]
    public void The_decision_rule_reports_state_effects_the_clock_and_handler_markers() =>
        Assert.That(
            Violators(Rules().DecisionsArePureStaticRules()),
            Is.EqualTo(
                new[]
                {
                    "Features.Tasks.CloseTask.ArchiveTaskDecision",
                    "Features.Tasks.CloseTask.AssignTaskDecision",
                    "Features.Tasks.CloseTask.ExpireTaskDecision",
                    "Features.Tasks.CloseTask.LabelTaskDecision",
                    "Features.Tasks.CloseTask.ReopenTaskDecision",
                    "Features.Tasks.TaskDecision",
                }
            )
        );

    [Test]
    public void The_handler_naming_rule_reports_a_routed_class_with_another_name() =>
        Assert.That(
            Violators(Rules().MessageHandlersAreNamedHandlerOrConsumer()),
            Is.EqualTo(
                new[]
                {
                    "Features.Tasks.CloseTask.AssignTaskDecision",
                    "Features.Tasks.CloseTask.LabelTaskDecision",
                    "Features.Tasks.NotifyWatchers.WatchersReaction",
                }
            )
        );

    [Test]
    public void The_queue_rule_reports_unpinned_handlers_and_two_handlers_of_a_message_on_one_queue() =>
        Assert.That(
            Violators(Rules().MessageHandlersArePinnedToTheirOwnQueue(Planted)),
            Is.EqualTo(
                new[]
                {
                    "Features.Tasks.NotifyWatchers.NotifyWatchersHandler",
                    "Features.Tasks.NotifyWatchers.UnpinnedHandler",
                    "Features.Tasks.NotifyWatchers.WatchersAgainConsumer",
                }
            )
        );

    [Test]
    public void The_tests_rule_reports_slices_without_a_test_beside_them_except_exempt_ones()
    {
        var folder = Directory.CreateTempSubdirectory("slices-").FullName;
        try
        {
            void Write(string slice, string source)
            {
                Directory.CreateDirectory(Path.Combine(folder, "Tasks", slice));
                File.WriteAllText(Path.Combine(folder, "Tasks", slice, slice + "Tests.cs"), source);
            }

            Write("ListTasks", "public class ListTasksTests { [Test] public void Lists() { } }");
            Write("MoveTask", "public class MoveTaskTests { public void NotATest() { } }");
            Write("PatchGuarded", "public class PatchGuardedTests { [NUnit.Framework.TestCase(1)] public void Patches(int n) { } }");
            Write("NotifyWatchers", "public class NotifyWatchersTests { [Test] public void Notifies() { } }");

            Assert.That(
                Violators(Rules(folder).SlicesWithEndpointsOrHandlersHaveTests()),
                Is.EqualTo(new[] { "Features.Tasks.MoveTask.MoveTaskEndpoint", "Features.Tasks.PatchTask.PatchTaskEndpoint" })
            );
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_json_body_rule_reports_an_endpoint_taking_a_raw_body() =>
        Assert.That(Violators(Rules().EndpointsTakeTypedBodies()), Is.EqualTo(new[] { "Features.Tasks.PatchTask.PatchTaskEndpoint" }));

    [TestCase("var q = \"select id from users where id = @id\";", ExpectedResult = true)]
    [TestCase("var q = @\"insert into t (a)\nvalues (@a)\";", ExpectedResult = true)]
    [TestCase("var q = \"\"\"\n  update tasks set title = @title\n  \"\"\";", ExpectedResult = true)]
    [TestCase("var q = $\"and (@afterId::uuid is null or task_id {cmp} @afterId)\";", ExpectedResult = true)]
    [TestCase("var q = $$\"\"\"\n  delete from t where id = {{id}}\n  \"\"\";", ExpectedResult = true)]
    [TestCase("var q = \"on conflict do nothing\"u8;", ExpectedResult = true)]
    [TestCase("var q = \"SELECT id FROM users WHERE id = @id\";", ExpectedResult = true)]
    [TestCase("// select id from users where id = @id\nvar q = \"Select a file from the list\";", ExpectedResult = false)]
    [TestCase("/* insert into t values (@a) */ var q = \"ann@example.com\";", ExpectedResult = false)]
    [TestCase("var q = Sql.Load(typeof(X), \"X.sql\"); var c = '\"';", ExpectedResult = false)]
    public bool The_SQL_rule(string source) => SourceRules.StringLiterals(source).Any(l => SourceRules.LooksLikeSql(l.Text));

    [Test]
    public void The_SQL_rule_gives_the_line_of_the_literal() =>
        Assert.That(SourceRules.StringLiterals("var a = 1;\n\nvar q = \"x\";").Single().Line, Is.EqualTo(3));

    [TestCase("public class XTests { [Test] public void A() { } }", ExpectedResult = true)]
    [TestCase("public class XTests { [TestCase(1), Category(\"x\")] public void A(int n) { } }", ExpectedResult = true)]
    [TestCase("public class XTests { [NUnit.Framework.TestAttribute] public void A() { } }", ExpectedResult = true)]
    [TestCase("public class XTests { }", ExpectedResult = false)]
    [TestCase("// [Test]\npublic class XTests { public void A() { } }", ExpectedResult = false)]
    [TestCase("[TestFixture] public class XTests { [SetUp] public void A() { } }", ExpectedResult = false)]
    public bool The_test_method_reader(string source) => SourceRules.HasTestMethod(source);

    [TestCase("set statement_timeout = 0;", ExpectedResult = true)]
    [TestCase("reset all", ExpectedResult = true)]
    [TestCase("listen changes", ExpectedResult = true)]
    [TestCase("create temp table x (a int)", ExpectedResult = true)]
    [TestCase("select pg_advisory_lock(1)", ExpectedResult = true)]
    [TestCase("select set_config('app.user', '1', false)", ExpectedResult = true)]
    [TestCase("set local statement_timeout = 0;", ExpectedResult = false)]
    [TestCase("set transaction isolation level serializable", ExpectedResult = false)]
    [TestCase("-- set search_path = x\nselect pg_advisory_xact_lock(1)", ExpectedResult = false)]
    [TestCase("select set_config('app.user', '1', true)", ExpectedResult = false)]
    public bool The_session_state_rule(string sql) => SourceRules.SessionState(sql).Any();
}
