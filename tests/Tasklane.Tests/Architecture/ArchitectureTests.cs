using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using NUnit.Framework;
using Tasklane.Infrastructure.Database;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// Keeps the slices honest, on the compiled Tasklane assembly (ArchUnitNET) and its source (Roslyn). Each rule lives
/// in <see cref="SliceRules"/> or <see cref="SourceRules"/>; <see cref="PlantedViolationTests"/> shows each one
/// reporting a planted violation.
/// </summary>
public class ArchitectureTests
{
    /// <summary>
    /// Infrastructure uses of Features the rule lets through for now (<c>user → used</c>, outermost types).
    /// </summary>
    public static readonly IReadOnlySet<string> KnownInfrastructureUsesOfFeatures = new HashSet<string>
    {
        // The change log is written by the outbox in the publisher's transaction and fanned out by the API host.
        // Features.Changes is where its SQL and endpoints live; moving ChangeLog/ChangeFanOut to Infrastructure is open.
        "Tasklane.Infrastructure.Messaging.OutboxTransaction → Tasklane.Features.Changes.ChangeLog",
        "Tasklane.Infrastructure.Hosting.ApiHost → Tasklane.Features.Changes.ChangeFanOut",
    };

    private static readonly Lazy<ArchModel> LazyProduct = new(() => new ArchLoader().LoadAssemblies(typeof(Sql).Assembly).Build());

    private static ArchModel Product => LazyProduct.Value;

    private static SliceRules Rules => new("Tasklane", Path.Combine(Root, "src", "Tasklane", "Features"));

    /// <summary>The repository: the folder above the test run holding app.sln.</summary>
    public static string Root
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

    [Test]
    public void A_slices_own_types_are_used_only_inside_its_area() => Rules.SliceTypesStayInTheirArea().Check(Product);

    [Test]
    public void Infrastructure_does_not_depend_on_Features() =>
        Rules.InfrastructureDoesNotDependOnFeatures(KnownInfrastructureUsesOfFeatures).Check(Product);

    [Test]
    public void Decisions_are_static_pure_rules_Wolverine_does_not_route_to()
    {
        Assert.That(
            Product.Classes.Count(c =>
                c.Name.EndsWith("Decision", StringComparison.Ordinal)
                && c.Namespace.FullName.StartsWith("Tasklane.Features.", StringComparison.Ordinal)
            ),
            Is.GreaterThanOrEqualTo(25),
            "the scan sees the decisions"
        );
        Rules.DecisionsArePureStaticRules().Check(Product);
    }

    [Test]
    public void Message_handlers_are_named_Handler_or_Consumer() => Rules.MessageHandlersAreNamedHandlerOrConsumer().Check(Product);

    [Test]
    public void Every_message_handler_names_its_queue_and_each_queue_has_one_handler_per_message()
    {
        Assert.That(Product.Classes.Count(SliceRules.IsMessageHandler), Is.GreaterThanOrEqualTo(15), "the scan sees the handlers");
        Rules.MessageHandlersArePinnedToTheirOwnQueue(Product).Check(Product);
    }

    [Test]
    public void Every_slice_with_an_endpoint_or_a_handler_has_tests_in_its_folder()
    {
        Assert.That(Product.Types.Sum(t => SliceRules.Endpoints(t).Count()), Is.GreaterThan(40), "the scan sees the endpoints");
        Rules.SlicesWithEndpointsOrHandlersHaveTests().Check(Product);
    }

    [Test]
    public void No_endpoint_takes_a_raw_json_body() => Rules.EndpointsTakeTypedBodies().Check(Product);

    /// <summary>An exemption nobody needs any more would hide the next real case: the lead removes it after the merge.</summary>
    [Test]
    public void Known_exemptions_are_still_needed()
    {
        var uses = Rules.UsesOfFeatures(Product).ToHashSet();
        Assert.That(
            KnownInfrastructureUsesOfFeatures.Where(known => !uses.Contains(known)),
            Is.Empty,
            "These uses are gone: delete them from KnownInfrastructureUsesOfFeatures."
        );
    }

    [Test]
    public void Product_code_under_Features_has_no_SQL_in_string_literals()
    {
        var features = Path.Combine(Root, "src", "Tasklane", "Features");
        var files = Directory
            .EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("Tests.cs", StringComparison.Ordinal)) // tests may arrange rows with SQL; they never ship
            .ToList();
        var violations = (
            from file in files
            from literal in SourceRules.StringLiterals(File.ReadAllText(file))
            where SourceRules.LooksLikeSql(literal.Text)
            select $"{Path.GetRelativePath(Root, file)}:{literal.Line}: {literal.Text.Trim()}"
        ).ToList();

        Assert.That(files, Has.Count.GreaterThan(100), "the scan sees the slices");
        Assert.That(violations, Is.Empty, "SQL goes into a .sql file beside the slice, loaded with Sql.Load.");
    }

    [Test]
    public void No_sql_file_leaves_session_state_on_a_pooled_connection()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", "Tasklane"), "*.sql", SearchOption.AllDirectories).ToList();
        var violations = (
            from file in files
            from statement in SourceRules.SessionState(File.ReadAllText(file))
            select $"{Path.GetRelativePath(Root, file)}: {statement}"
        ).ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.That(violations, Is.Empty, "Use set local and pg_advisory_xact_lock inside the transaction.");
    }
}
