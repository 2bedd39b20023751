using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Retention;
using Wolverine.Http;

namespace Tasklane.Features.Trash.ListTrash;

/// <summary>
/// Something in the trash: a <c>task</c> (with <see cref="SubTasks"/> deleted with it), a <c>comment</c> or a <c>project</c>
/// (with its tasks). <see cref="Title"/> is the task's title, the comment's first 200 characters or the project's name;
/// <see cref="ProjectId"/> is the project in every case. <see cref="DeletedBy"/> is known for tasks and comments. It can
/// be restored until <see cref="PurgeAt"/>.
/// </summary>
public sealed record TrashItem(
    [property: OneOf(typeof(ListTrashDecision), nameof(ListTrashDecision.Types))] string Type,
    Guid Id,
    [property: MaxLength(TaskRules.TitleMax)] string Title,
    Guid ProjectId,
    DateTime DeletedAt,
    Guid? DeletedBy,
    [property: Range(0, int.MaxValue)] int SubTasks,
    DateTime PurgeAt
);

public static class ListTrashEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListTrashEndpoint), "ListTrash.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace")
        ?? new FieldErrors()
            .Limit(limit)
            .Check("after", ListTrashDecision.TryDecodeCursor(after, out _), "Is not a cursor returned by this API.")
            .ToProblem();

    /// <summary>
    /// What the workspace's trash can give back, newest deletion first: deleted tasks (<c>POST /tasks/{id}/restore</c>),
    /// comments (<c>POST /comments/{id}/restore</c>) and projects (<c>POST /projects/{id}/restore</c>), each until its
    /// <c>purgeAt</c>, 30 days after its deletion.
    /// </summary>
    [WolverineGet("/workspaces/{workspaceId}/trash")]
    public static async Task<Page<TrashItem>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.MaxLength)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var take = limit ?? Paging.DefaultLimit;
        ListTrashDecision.TryDecodeCursor(after, out var cursor);
        await using var connection = await reads.OpenAsync(caller, ct);
        var rows = (
            await connection.QueryAsync<TrashRow>(
                new CommandDefinition(
                    Query,
                    new
                    {
                        membership.WorkspaceId,
                        cutoff = clock.DbNow() - TrashRetention.Window,
                        afterAt = cursor?.DeletedAt,
                        afterId = cursor?.Id,
                        take = take + 1,
                    },
                    cancellationToken: ct
                )
            )
        ).AsList();
        return ListTrashDecision.ToPage(rows, take);
    }
}

/// <summary>A trash row as ListTrash.sql reads it.</summary>
public sealed record TrashRow(string Type, Guid Id, string Title, Guid ProjectId, DateTime DeletedAt, Guid? DeletedBy, int SubTasks);

/// <summary>
/// The trash is in deletion order, so the cursor is the last item's (deletedAt, id), a <see cref="Cursor"/> keyed by the time.
/// </summary>
public static class ListTrashDecision
{
    /// <summary>What an item is (ListTrash.sql names them).</summary>
    internal static readonly string[] Types = ["task", "comment", "project"];

    public static Page<TrashItem> ToPage(IReadOnlyList<TrashRow> rows, int take)
    {
        var items = rows.Take(take)
            .Select(r => new TrashItem(
                r.Type,
                r.Id,
                r.Title,
                r.ProjectId,
                r.DeletedAt,
                r.DeletedBy,
                r.SubTasks,
                TrashRetention.PurgeAt(r.DeletedAt)
            ))
            .ToList();
        return new Page<TrashItem>(items, rows.Count > take ? EncodeCursor(items[^1].DeletedAt, items[^1].Id) : null);
    }

    public static string EncodeCursor(DateTime deletedAt, Guid id)
    {
        Span<byte> key = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(key, deletedAt.Ticks);
        return Cursor.Encode(key, id);
    }

    /// <summary>True for no cursor (<paramref name="value"/> null) or a well-formed one.</summary>
    public static bool TryDecodeCursor(string? value, out (DateTime DeletedAt, Guid Id)? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        Span<byte> key = stackalloc byte[8];
        if (!Cursor.TryDecode(value, key, out var id))
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(key);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        cursor = (new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
