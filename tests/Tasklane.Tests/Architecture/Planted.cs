// Planted violations: a tiny code base under Tasklane.Tests.Architecture.Planted on which PlantedViolationTests run
// each slice rule, to show it reports what it is for and lets the allowed cases through. Nothing here runs: Wolverine
// scans the product assembly only.
using System.Text.Json;
using Npgsql;
using Tasklane.Tests.Architecture.Planted.Features.Tasks;
using Tasklane.Tests.Architecture.Planted.Features.Tasks.ListTasks;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Tasklane.Tests.Architecture.Planted
{
    /// <summary>The root namespace of the planted code base.</summary>
    public static class Root
    {
        public static string Namespace => typeof(Root).Namespace!;
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks
{
    /// <summary>Area level: for every area.</summary>
    public sealed record TaskWatched(Guid TaskId);

    /// <summary>Violation: a record named …Decision reads like the rules class that returns it.</summary>
    public sealed record TaskDecision(bool Refused);
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.ListTasks
{
    /// <summary>A slice's own type: for its area only.</summary>
    public sealed record TaskPage(int Count);

    public static class ListTasksEndpoint
    {
        [WolverineGet("/planted/tasks")]
        public static TaskPage Get() => new(0);
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.MoveTask
{
    /// <summary>Allowed: same area.</summary>
    public static class MoveTaskEndpoint
    {
        [WolverinePost("/planted/tasks/move")]
        public static TaskPage Post() => new(1);
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Search.SearchWorkspace
{
    /// <summary>Violation: another area's slice type in a signature.</summary>
    public static class SearchInSignature
    {
        public static TaskPage? Last { get; set; }
    }

    /// <summary>Violation: another area's slice type inside a lambda only (the compiler moves it to a closure class).</summary>
    public static class SearchInLambda
    {
        public static Func<int, object> Make() => n => new TaskPage(n);
    }

    /// <summary>Violation: another area's slice type inside an async method body only (a state machine class).</summary>
    public static class SearchInAsyncBody
    {
        public static async Task<object> CountAsync()
        {
            await Task.Yield();
            return new TaskPage(2);
        }
    }

    /// <summary>Allowed: an area-level type.</summary>
    public static class SearchUsesAreaLevel
    {
        public static object Event() => new TaskWatched(Guid.Empty);
    }
}

namespace Tasklane.Tests.Architecture.Planted.Infrastructure.Http
{
    /// <summary>Violation: Infrastructure reaching into Features.</summary>
    public static class ReachesIntoFeatures
    {
        public static object Event() => new TaskWatched(Guid.Empty);
    }

    /// <summary>Allowed, and exempted by the planted test: a known case.</summary>
    public static class KnownCase
    {
        public static object Event() => new TaskWatched(Guid.Empty);
    }

    /// <summary>Allowed.</summary>
    public static class StaysInInfrastructure
    {
        public static string Name() => nameof(StaysInInfrastructure);
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.CloseTask
{
    /// <summary>Allowed: static and pure.</summary>
    public static class CloseTaskDecision
    {
        public static bool Decide(int openSubtasks, DateTime now) => openSubtasks == 0 && now != default;
    }

    /// <summary>Violation: keeps state.</summary>
    public sealed class ReopenTaskDecision
    {
        public int Reopened { get; private set; }

        public bool Decide() => ++Reopened > 0;
    }

    /// <summary>Violation: reads the database.</summary>
    public static class ArchiveTaskDecision
    {
        public static async Task<bool> Decide(NpgsqlDataSource db)
        {
            await using var connection = await db.OpenConnectionAsync();
            return connection.State == System.Data.ConnectionState.Open;
        }
    }

    /// <summary>Violation: reads the clock.</summary>
    public static class ExpireTaskDecision
    {
        public static bool Decide(DateTime due, TimeProvider clock) => due < clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Violation: Wolverine would route messages to it.</summary>
    [WolverineHandler]
    public static class AssignTaskDecision
    {
        public static bool Decide(TaskWatched watched) => watched.TaskId != Guid.Empty;
    }

    /// <summary>Violation: Wolverine would route messages to it.</summary>
    public sealed class LabelTaskDecision : IWolverineHandler
    {
        public static bool Decide(TaskWatched watched) => watched.TaskId != Guid.Empty;
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.NotifyWatchers
{
    /// <summary>Allowed: pinned to its queue.</summary>
    [StickyHandler("planted")]
    public static class NotifyWatchersHandler
    {
        public static void Handle(TaskWatched watched) => ArgumentNullException.ThrowIfNull(watched);
    }

    /// <summary>Violation: runs wherever Wolverine routes the message.</summary>
    public static class UnpinnedHandler
    {
        public static void Handle(TaskWatched watched) => ArgumentNullException.ThrowIfNull(watched);
    }

    /// <summary>Violation: a second handler of the same message on the same queue.</summary>
    [StickyHandler("planted")]
    public static class WatchersAgainConsumer
    {
        public static void Consume(TaskWatched watched) => ArgumentNullException.ThrowIfNull(watched);
    }

    /// <summary>Allowed: the same message on its own queue.</summary>
    [StickyHandler("planted_elsewhere")]
    public static class WatchersElsewhereHandler
    {
        public static void Handle(TaskWatched watched) => ArgumentNullException.ThrowIfNull(watched);
    }

    /// <summary>Violation: routed to by Wolverine but not named …Handler or …Consumer.</summary>
    [WolverineHandler]
    public static class WatchersReaction
    {
        public static void Handle(TaskWatched watched) => ArgumentNullException.ThrowIfNull(watched);
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.PatchTask
{
    /// <summary>Violation: takes a raw JSON body.</summary>
    public static class PatchTaskEndpoint
    {
        [WolverinePatch("/planted/tasks")]
        public static int Patch(JsonElement body) => body.ValueKind == JsonValueKind.Object ? 1 : 0;
    }
}

namespace Tasklane.Tests.Architecture.Planted.Features.Tasks.PatchGuarded
{
    /// <summary>Allowed: a typed body.</summary>
    public static class PatchGuardedEndpoint
    {
        [WolverinePatch("/planted/guarded")]
        public static bool Patch(PatchGuardedRequest body) => body.Title is not null;
    }

    public sealed record PatchGuardedRequest(string? Title);
}
