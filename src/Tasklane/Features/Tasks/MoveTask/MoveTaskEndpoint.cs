using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Features.Projects;
using Tasklane.Features.Statuses;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.MoveTask;

/// <summary>
/// Where a task goes: the column <c>statusId</c> (or the project's first status of the category <c>status</c>), directly after
/// <c>afterId</c> and/or directly before <c>beforeId</c> (tasks of that column); neither means the end of the column.
/// <c>overrideWipLimit</c> lets an admin or owner exceed the column's WIP limit.
/// </summary>
public sealed record MoveTaskRequest(
    StatusCategory? Status,
    Guid? BeforeId,
    Guid? AfterId,
    Guid? StatusId = null,
    bool? OverrideWipLimit = null
);

public sealed record MoveTaskResponse(Guid Id, Guid ProjectId, StatusCategory Status, double Position, int Version, Guid StatusId)
{
    public string ETag() => $"\"{Version}\"";
}

public sealed record MovingTask(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    StatusCategory Status,
    double Position,
    int Version,
    Guid? ParentId,
    Guid StatusId
);

public sealed record ColumnRow(Guid Id, Guid ProjectId, StatusCategory Status, double Position, Guid StatusId);

public static class MoveTaskEndpoint
{
    private static readonly string LockTask = Sql.Load(typeof(MoveTaskEndpoint), "LockTask.sql");
    private static readonly string Neighbour = Sql.Load(typeof(MoveTaskEndpoint), "Neighbour.sql");
    private static readonly string Successor = Sql.Load(typeof(MoveTaskEndpoint), "Successor.sql");
    private static readonly string Predecessor = Sql.Load(typeof(MoveTaskEndpoint), "Predecessor.sql");
    private static readonly string Last = Sql.Load(typeof(MoveTaskEndpoint), "Last.sql");
    private static readonly string LockNeighbours = Sql.Load(typeof(MoveTaskEndpoint), "LockNeighbours.sql");
    private static readonly string Renumber = Sql.Load(typeof(MoveTaskEndpoint), "Renumber.sql");
    private static readonly string Update = Sql.Load(typeof(MoveTaskEndpoint), "MoveTask.sql");

    /// <summary>Each retry follows a move that another request committed into the same gap; this many means a storm.</summary>
    private const int MaxAttempts = 100;

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Guid taskId, MoveTaskRequest? request, Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Check("status", request.Status is not null || request.StatusId is not null, "Required, unless statusId is sent.")
                    .OneOf("status", request.Status)
                    .Check("afterId", request.AfterId != taskId, "Cannot be the task being moved.")
                    .Check("beforeId", request.BeforeId != taskId, "Cannot be the task being moved.")
                    .Check(
                        "beforeId",
                        request.BeforeId is null || request.BeforeId != request.AfterId,
                        "Cannot be the same task as afterId."
                    )
                    .IfMatch(http)
                    .ToProblem()
        );

    /// <summary>
    /// Places the task between its new neighbours at the midpoint of their positions. The neighbours are the
    /// rows adjacent *now*, locked <c>for update</c>: concurrent moves into one gap queue on those locks and
    /// each lands strictly inside what is left of the gap, so positions stay distinct and totally ordered.
    /// </summary>
    [WolverinePost("/tasks/{taskId}/move")]
    [ProducesResponseType<MoveTaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Post(
        Guid taskId,
        MoveTaskRequest request,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        try
        {
            await using var tx = await outbox.BeginAsync(ct);
            // The project before the task, as every task write does: a share lock asked for while holding a task can queue
            // behind an archive or delete waiting for another writer, which waits for this task.
            if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
            {
                return Results.Problem(refused);
            }

            var task = await tx.QuerySingleOrDefaultAsync<MovingTask>(LockTask, new { taskId }, ct);
            if (task is null)
            {
                return Results.Problem(Problems.NotFound("The task"));
            }

            if (Preconditions.Stale(context.Request, "The task", task.Version) is { } stale)
            {
                return Results.Problem(stale);
            }

            var target = await StatusRules.FindAsync(tx, task.ProjectId, request.StatusId, request.Status, ct);
            if (StatusRules.CheckColumn(request.StatusId, request.Status, target) is { } wrongColumn)
            {
                return Results.Problem(wrongColumn);
            }

            var arriving = target!.Id == task.StatusId ? 0 : 1;
            if (await StatusRules.AdmitAsync(tx, target, arriving, request.OverrideWipLimit == true, membership, ct) is { } full)
            {
                return Results.Problem(full);
            }

            var column = new Column(tx, task, target.Id, ct);
            var bounds = await column.FindGapAsync(request.AfterId, request.BeforeId);
            for (var attempt = 1; bounds.Problem is null; attempt++)
            {
                // Lock what we found, then look again: only a gap that is still the same under our locks is ours.
                await column.LockAsync(bounds.Lo, bounds.Hi);
                var again = await column.FindGapAsync(request.AfterId, request.BeforeId);
                if (again.Problem is not null || (again.Lo?.Id == bounds.Lo?.Id && again.Hi?.Id == bounds.Hi?.Id))
                {
                    bounds = again;
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    return Results.Problem(Problems.Conflict("The column kept changing during the move. Retry."));
                }

                bounds = again;
            }

            if (bounds.Problem is not null)
            {
                return Results.Problem(bounds.Problem);
            }

            var position = MoveTaskDecision.Between(bounds.Lo?.Position, bounds.Hi?.Position);
            if (position is null)
            {
                var respaced = await tx.QueryAsync<Guid>(Renumber, column.Parameters, ct);
                tx.Invalidate(respaced.Select(CacheKeys.Task));
                position = MoveTaskDecision.Between(
                    (await column.RowAsync(bounds.Lo!.Id))!.Position,
                    (await column.RowAsync(bounds.Hi!.Id))!.Position
                );
            }

            var (moved, @event) = MoveTaskDecision.Decide(task, target, position!.Value, membership.UserId, clock.DbNow());
            await tx.ExecuteAsync(
                Update,
                new
                {
                    moved.Id,
                    moved.Status,
                    moved.StatusId,
                    moved.Position,
                    moved.Version,
                    UpdatedAt = @event.OccurredAt,
                },
                ct
            );
            tx.Publish(@event);
            if (moved.Status != task.Status)
            {
                SubTasks.ProgressChanged(tx, task.ParentId);
            }

            await tx.CommitAsync(ct);

            var body = new MoveTaskResponse(moved.Id, moved.ProjectId, moved.Status, moved.Position, moved.Version, moved.StatusId);
            context.Response.Headers.ETag = body.ETag();
            return Results.Ok(body);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // Two moves that each hold a row the other needs (e.g. swapping neighbours): Postgres aborts one.
            return Results.Problem(Problems.Conflict("A concurrent move of a neighbouring task conflicted with this one. Retry."));
        }
    }

    /// <summary>The target column's rows as this transaction sees them, excluding the task being moved.</summary>
    private sealed class Column(OutboxTransaction tx, MovingTask task, Guid statusId, CancellationToken ct)
    {
        public object Parameters { get; } = new
        {
            task.ProjectId,
            StatusId = statusId,
            TaskId = task.Id,
        };

        public Task<ColumnRow?> RowAsync(Guid id) => tx.QuerySingleOrDefaultAsync<ColumnRow>(Neighbour, new { id }, ct);

        /// <summary>The two rows the task goes between (null at an end of the column), or 400 for a bad neighbour.</summary>
        public async Task<(ProblemDetails? Problem, ColumnRow? Lo, ColumnRow? Hi)> FindGapAsync(Guid? afterId, Guid? beforeId)
        {
            ColumnRow? after = null,
                before = null;
            if (afterId is { } a && !InColumn(after = await RowAsync(a)))
            {
                return (NotInColumn("afterId"), null, null);
            }

            if (beforeId is { } b && !InColumn(before = await RowAsync(b)))
            {
                return (NotInColumn("beforeId"), null, null);
            }

            if (after is not null && before is not null && after.Position > before.Position)
            {
                return (new FieldErrors().Add("beforeId", "Must come after afterId in the column.").ToProblem(), null, null);
            }

            // With both given, the task goes right after afterId: still before beforeId, even if others moved in between.
            return after is not null ? (null, after, await NextAsync(Successor, after))
                : before is not null ? (null, await NextAsync(Predecessor, before), before)
                : (null, await tx.QuerySingleOrDefaultAsync<ColumnRow>(Last, Parameters, ct), null);
        }

        /// <summary>Locks the gap's rows; an empty column has none, so moves into it queue on a lock named after the column.</summary>
        public async Task LockAsync(ColumnRow? lo, ColumnRow? hi)
        {
            Guid[] ids = [.. new[] { lo?.Id, hi?.Id }.OfType<Guid>()];
            if (ids.Length > 0)
            {
                await tx.ExecuteAsync(LockNeighbours, new { ids }, ct);
            }
            else
            {
                await ColumnLock.TakeAsync(tx, task.ProjectId, statusId, ct);
            }
        }

        private Task<ColumnRow?> NextAsync(string sql, ColumnRow from) =>
            tx.QuerySingleOrDefaultAsync<ColumnRow>(
                sql,
                new
                {
                    task.ProjectId,
                    StatusId = statusId,
                    TaskId = task.Id,
                    from.Position,
                    from.Id,
                },
                ct
            );

        private bool InColumn(ColumnRow? row) => row is not null && row.ProjectId == task.ProjectId && row.StatusId == statusId;

        private static ProblemDetails NotInColumn(string field) =>
            new FieldErrors().Add(field, "Must be a task in the target status column of the same project.").ToProblem();
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class MoveTaskDecision
{
    /// <summary>Below this gap a midpoint is no longer trustworthy: renumber the column instead.</summary>
    public const double MinGap = 1e-9;

    /// <summary>
    /// The position between two neighbours (null = that end of the column), or null when the gap is too small
    /// to split and the column must be renumbered first.
    /// </summary>
    public static double? Between(double? lo, double? hi) =>
        (lo, hi) switch
        {
            (null, null) => TaskRules.PositionStep,
            ({ } l, null) => l + TaskRules.PositionStep,
            (null, { } h) => h - TaskRules.PositionStep,
            ({ } l, { } h) => h - l >= MinGap && l + (h - l) / 2 is var m && m > l && m < h ? m : null,
        };

    public static (MovingTask Moved, TaskMoved Event) Decide(
        MovingTask task,
        StatusResponse column,
        double position,
        Guid actorId,
        DateTime now
    )
    {
        var moved = task with { Status = column.Category, StatusId = column.Id, Position = position, Version = task.Version + 1 };
        return (
            moved,
            new TaskMoved(
                Guid.CreateVersion7(),
                task.WorkspaceId,
                task.ProjectId,
                task.Id,
                actorId,
                now,
                moved.Version,
                task.Status,
                task.Position,
                moved.Status,
                position,
                task.StatusId,
                moved.StatusId
            )
        );
    }
}
