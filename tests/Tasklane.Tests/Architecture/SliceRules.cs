using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Conditions;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchModel = ArchUnitNET.Domain.Architecture;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// The slice rules as ArchUnitNET rules, for a code base under the namespace <paramref name="root"/> whose
/// <c>Features</c> namespace lives in the folder <paramref name="featuresFolder"/>: <c>Tasklane</c> and
/// src/Tasklane/Features for the product; the planted violations (<see cref="Planted"/>) for the tests that show
/// each rule reports what it is for.
/// </summary>
public sealed class SliceRules(string root, string featuresFolder)
{
    private static readonly HashSet<string> HttpMethodAttributes = typeof(WolverineHttpMethodAttribute)
        .Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(WolverineHttpMethodAttribute)))
        .Select(t => t.FullName!)
        .ToHashSet();

    private static readonly string[] HandlerMethods = ["Handle", "HandleAsync", "Consume", "ConsumeAsync"];

    /// <summary>
    /// What a decision may not touch: the database, caches, queues, files, the network and the clock. It gets what
    /// it decides on (rows, the caller's role, <c>now</c>) as arguments.
    /// </summary>
    private const string Effects =
        @"^(Npgsql|Dapper|StackExchange\.Redis|Wolverine|Amazon|System\.Net\.Http|System\.IO|Microsoft\.Extensions\.Caching)(\.|$)";

    /// <summary>A type a decision may not use (<see cref="WolverineContinue.NoProblems"/> is only a value).</summary>
    private static bool IsEffect(IType type) =>
        type.FullName == typeof(TimeProvider).FullName
        || (Regex.IsMatch(NamespaceOf(type), Effects) && type.FullName != typeof(WolverineContinue).FullName);

    private string Features => root + ".Features";

    private string Infrastructure => root + ".Infrastructure";

    /// <summary>Everything under the root namespace.</summary>
    private string All => $"^{Regex.Escape(root)}(\\.|$)";

    /// <summary>
    /// A slice's own types (<c>Features.&lt;Area&gt;.&lt;Slice&gt;…</c>) are used only inside their area
    /// (<c>Features.&lt;Area&gt;…</c>). Area-level types (<c>Features.&lt;Area&gt;</c>: events, responses, shared
    /// helpers) and Infrastructure are for everyone.
    /// </summary>
    public IArchRule SliceTypesStayInTheirArea() =>
        Types()
            .That()
            .ResideInNamespaceMatching(All)
            .Should()
            .FollowCustomCondition(
                type =>
                    Report(
                        type,
                        type.Dependencies.Select(d => d.Target).Where(used => IsForeignSliceType(NamespaceOf(type), NamespaceOf(used)))
                    ),
                "use a slice's own types only inside its area"
            )
            .Because("what several areas need belongs at the area level (Features/<Area>/*.cs) or in Infrastructure");

    /// <summary>Whether code in <paramref name="userNamespace"/> may not use a type of <paramref name="usedNamespace"/>.</summary>
    public bool IsForeignSliceType(string userNamespace, string usedNamespace)
    {
        var prefix = Features + ".";
        if (!usedNamespace.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var used = usedNamespace[prefix.Length..].Split('.');
        if (used.Length < 2)
        {
            return false;
        }

        var area = prefix + used[0];
        return userNamespace != area && !userNamespace.StartsWith(area + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// Infrastructure is what features are built on; it does not reach back into them. <paramref name="known"/> lists
    /// uses (<c>user type → used type</c>, full names) the rule lets through for now.
    /// </summary>
    public IArchRule InfrastructureDoesNotDependOnFeatures(IReadOnlySet<string> known) =>
        Types()
            .That()
            .ResideInNamespaceMatching($"^{Regex.Escape(Infrastructure)}(\\.|$)")
            .Should()
            .FollowCustomCondition(
                type =>
                {
                    var uses = UsesOfFeatures(type).Where(use => !known.Contains(use)).ToList();
                    return new ConditionResult(type, uses.Count == 0, "uses " + string.Join(", ", uses.Select(u => u.Split(" → ")[1])));
                },
                "not depend on Features"
            )
            .Because("a feature plugs itself in from its own area (Features/<Area>/*.cs), not from Infrastructure");

    /// <summary>The uses of Features by Infrastructure, as <c>user → used</c> (outermost types' full names).</summary>
    public IEnumerable<string> UsesOfFeatures(ArchModel architecture) =>
        architecture.Types.Where(t => InNamespace(t, Infrastructure)).SelectMany(UsesOfFeatures).Distinct();

    private IEnumerable<string> UsesOfFeatures(IType type) =>
        type
            .Dependencies.Select(d => d.Target)
            .Where(used => InNamespace(used, Features))
            .Select(used => $"{Outer(type)} → {Outer(used)}")
            .Distinct()
            .Order();

    /// <summary>
    /// Classes named <c>…Decision</c> hold the pure rules of a use case: static, never a Wolverine handler (neither by
    /// name, nor by <see cref="IWolverineHandler"/>, nor by <see cref="WolverineHandlerAttribute"/>), and with no effects.
    /// A record so named is what a decision returns.
    /// </summary>
    public IArchRule DecisionsArePureStaticRules() =>
        Classes()
            .That()
            .ResideInNamespaceMatching(All)
            .And()
            .HaveNameEndingWith("Decision")
            .Should()
            .BeAbstract()
            .AndShould()
            .BeSealed()
            .Because("a static class is abstract and sealed in IL: decisions keep no state")
            .AndShould()
            .FollowCustomCondition(c => !IsMarkedAsHandler(c), "not be marked as a Wolverine handler", "is marked as a Wolverine handler")
            .Because("Wolverine would route messages to it")
            .AndShould()
            .FollowCustomCondition(c => Report(c, c.Dependencies.Select(d => d.Target).Where(IsEffect)), "have no effects")
            .Because("a decision is a pure function of its arguments, unit-tested without services");

    /// <summary>
    /// A class Wolverine routes messages to (it implements <see cref="IWolverineHandler"/> or carries
    /// <see cref="WolverineHandlerAttribute"/>) is named <c>…Handler</c> or <c>…Consumer</c>, so the name says what it is.
    /// </summary>
    public IArchRule MessageHandlersAreNamedHandlerOrConsumer() =>
        Classes()
            .That()
            .ResideInNamespaceMatching(All)
            .And()
            .FollowCustomPredicate(IsMarkedAsHandler, "are marked as Wolverine handlers")
            .Should()
            .HaveNameEndingWith("Handler")
            .OrShould()
            .HaveNameEndingWith("Consumer")
            .WithoutRequiringPositiveResults();

    /// <summary>
    /// Every message handler is pinned to the queue of its subscriber: an unpinned one would run wherever Wolverine
    /// routes the message, and a second handler of a message on the same queue would share its retries.
    /// </summary>
    public IArchRule MessageHandlersArePinnedToTheirOwnQueue(ArchModel architecture)
    {
        var handlers = architecture.Classes.Where(IsMessageHandler).ToList();
        var byQueueAndMessage = handlers
            .SelectMany(h => HandledMessages(h).Select(m => (Key: (Queue: QueueOf(h), Message: m.FullName), Handler: h)))
            .Where(x => x.Key.Queue is not null)
            .ToLookup(x => x.Key, x => x.Handler);

        return Classes()
            .That()
            .FollowCustomPredicate(IsMessageHandler, "are message handlers (…Handler or …Consumer with Handle or Consume methods)")
            .And()
            .ResideInNamespaceMatching(All)
            .Should()
            .FollowCustomCondition(h => QueueOf(h) is not null, "name their queue", "names no queue")
            .Because("[StickyHandler(Queues.X)] names the subscriber's queue; a pure rule an endpoint calls is a …Decision")
            .AndShould()
            .FollowCustomCondition(
                handler =>
                {
                    var queue = QueueOf(handler);
                    var shared = HandledMessages(handler)
                        .SelectMany(m =>
                            byQueueAndMessage[(queue, m.FullName)]
                                .Where(other => !other.Equals(handler))
                                .Select(other => $"{m.Name} on {queue} with {other.Name}")
                        )
                        .ToList();
                    return new ConditionResult(handler, shared.Count == 0, "shares " + string.Join(", ", shared));
                },
                "be the only handler of each of its messages on its queue"
            )
            .Because("each subscriber of a message has its own queue");
    }

    /// <summary>
    /// Every slice folder with an endpoint or a message handler has a <c>*Tests.cs</c> beside it with at least one
    /// NUnit test.
    /// </summary>
    public IArchRule SlicesWithEndpointsOrHandlersHaveTests() =>
        Classes()
            .That()
            .FollowCustomPredicate(c => IsMessageHandler(c) || IsEndpoint(c), "have an endpoint or handle messages")
            .And()
            .ResideInNamespaceMatching($"^{Regex.Escape(Features)}\\.")
            .Should()
            .FollowCustomCondition(
                c => SourceRules.HasTests(FolderOf(c)),
                "have a *Tests.cs with a [Test] in their folder",
                "has no *Tests.cs with a [Test] beside it"
            )
            .Because("the tests of a slice live beside it (namespace = folder)");

    /// <summary>No endpoint takes a raw <see cref="System.Text.Json.JsonElement"/> body.</summary>
    public IArchRule EndpointsTakeTypedBodies() =>
        Classes()
            .That()
            .ResideInNamespaceMatching(All)
            .Should()
            .FollowCustomCondition(c => !TakesRawJsonBody(c), "take typed bodies", "takes a raw JsonElement body")
            .Because(
                "a JsonElement body is blank in the OpenAPI document and the typed client: declare a record "
                    + "(Optional<T> where absent and null differ)"
            );

    /// <summary>The classes with endpoints that take a <see cref="System.Text.Json.JsonElement"/>.</summary>
    public static bool TakesRawJsonBody(Class type) =>
        Endpoints(type).Any(m => m.Parameters.Any(p => p.FullName == typeof(System.Text.Json.JsonElement).FullName));

    /// <summary>Methods carrying <c>[WolverineGet]</c>, <c>[WolverinePost]</c> and the like.</summary>
    public static IEnumerable<MethodMember> Endpoints(IType type) =>
        type.Members.OfType<MethodMember>().Where(m => m.AttributeInstances.Any(a => HttpMethodAttributes.Contains(a.Type.FullName)));

    public static bool IsEndpoint(IType type) => Endpoints(type).Any();

    /// <summary>
    /// Implements <see cref="IWolverineHandler"/> or carries <see cref="WolverineHandlerAttribute"/>: Wolverine routes to it whatever its
    /// name.
    /// </summary>
    private static bool IsMarkedAsHandler(IType type) =>
        type.ImplementedInterfaces.Any(i => i.FullName == typeof(IWolverineHandler).FullName)
        || type.AttributeInstances.Any(a => a.Type.FullName == typeof(WolverineHandlerAttribute).FullName);

    /// <summary>A …Handler or …Consumer class with a public Handle/Consume method taking a message.</summary>
    public static bool IsMessageHandler(IType type) =>
        type is Class { IsCompilerGenerated: false }
        && (type.Name.EndsWith("Handler", StringComparison.Ordinal) || type.Name.EndsWith("Consumer", StringComparison.Ordinal))
        && HandledMessages(type).Any();

    private static IEnumerable<IType> HandledMessages(IType type) =>
        type
            .Members.OfType<MethodMember>()
            .Where(m => m.Visibility == Visibility.Public && HandlerMethods.Contains(m.Name.Split('(')[0]) && m.Parameters.Any())
            .Select(m => m.Parameters.First())
            .Distinct();

    private static string? QueueOf(IType type) =>
        type.AttributeInstances.FirstOrDefault(a => a.Type.FullName == typeof(StickyHandlerAttribute).FullName)
            ?.AttributeArguments.FirstOrDefault()
            ?.Value as string;

    /// <summary>The folder of a Features namespace: <c>Features.Tasks.MoveTask</c> → <c>&lt;features&gt;/Tasks/MoveTask</c>.</summary>
    public string FolderOf(IType type) => Path.Combine([featuresFolder, .. type.Namespace.FullName[(Features.Length + 1)..].Split('.')]);

    private static bool InNamespace(IType type, string ns) =>
        NamespaceOf(type) == ns || NamespaceOf(type).StartsWith(ns + ".", StringComparison.Ordinal);

    /// <summary>Generic parameters, arrays and the like have no namespace of their own.</summary>
    private static string NamespaceOf(IType type) => type.Namespace?.FullName ?? "";

    /// <summary>A nested or compiler-generated type (lambda closure, async state machine) counts as the type declaring it.</summary>
    private static string Outer(IType type) => type.FullName.Split('+')[0];

    private static ConditionResult Report(IType type, IEnumerable<IType> used)
    {
        var names = used.Select(Outer).Distinct().Order().ToList();
        return new ConditionResult(type, names.Count == 0, "uses " + string.Join(", ", names));
    }
}
