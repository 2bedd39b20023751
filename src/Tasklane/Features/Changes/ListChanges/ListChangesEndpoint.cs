using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Changes.ListChanges;

/// <summary>
/// A page of the change feed. <see cref="Cursor"/> is where the next page starts: pass it as <c>after</c>, now or
/// later; it is never null, so a client that is up to date keeps it and asks again. <see cref="HasMore"/>: more
/// changes are there already.
/// </summary>
public sealed record ChangePage(
    [property: MaxLength(Paging.MaxLimit)] IReadOnlyList<Change> Items,
    [property: MaxLength(Cursor.Length)] string Cursor,
    bool HasMore
);

public static class ListChangesEndpoint
{
    private const string Example = """
        {
          "items": [
            {
              "id": "AAAAAAAAC9kAAAAAAAAAKg",
              "type": "task.moved",
              "eventId": "019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11",
              "workspaceId": "019ad49f-0b1c-7e55-8c3d-5a6b7c8d9e0f",
              "actorId": "019ad49e-11aa-7c22-9d33-4e55f6a7b8c9",
              "occurredAt": "2026-11-30T09:15:02.118Z",
              "data": {
                "eventId": "019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11",
                "workspaceId": "019ad49f-0b1c-7e55-8c3d-5a6b7c8d9e0f",
                "projectId": "019ad4a0-2b3c-7d4e-8f50-617283940a1b",
                "taskId": "019ad4a0-9c8d-7e6f-a051-62738495a6b7",
                "actorId": "019ad49e-11aa-7c22-9d33-4e55f6a7b8c9",
                "occurredAt": "2026-11-30T09:15:02.118Z",
                "version": 4,
                "fromStatus": "todo",
                "fromPosition": 1024,
                "toStatus": "in_progress",
                "toPosition": 512
              }
            }
          ],
          "cursor": "AAAAAAAAC9kAAAAAAAAAKg",
          "hasMore": false
        }
        """;

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>
    /// The workspace's changes after <c>after</c> (from the oldest kept without it), oldest first: what a sync client
    /// applies to rebuild its state with no gap. Answers 410 when changes after the cursor are no longer kept.
    /// </summary>
    [WolverineGet("/workspaces/{workspaceId}/changes")]
    [ProducesResponseType<ChangePage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    [ResponseExample(StatusCodes.Status200OK, Example)]
    public static async Task<IResult> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        NpgsqlDataSource db,
        CancellationToken ct
    )
    {
        var take = limit ?? Paging.DefaultLimit;
        var from = Paging.After(after) ?? Guid.Empty;
        await using var connection = await db.OpenConnectionAsync(ct);
        var read = await ChangeLog.ReadAsync(
            connection,
            membership.WorkspaceId,
            membership.UserId,
            membership.Role,
            from,
            ChangeLog.End,
            take + 1,
            ct
        );
        if (!read.Resumable)
        {
            return Results.Problem(
                new ProblemDetails
                {
                    Status = StatusCodes.Status410Gone,
                    Title = "Resync needed",
                    Detail =
                        "The changes after this cursor are no longer kept. Load the state again, then follow the feed from the cursor in this answer.",
                    Extensions = { ["cursor"] = Infrastructure.Http.Cursor.Encode(read.VisibleEnd) },
                }
            );
        }

        // Without more, the next page starts at the visible end: every change below it has been read (or is not the caller's).
        var items = read.Rows.Take(take).ToList();
        var hasMore = read.Rows.Count > take;
        var next = hasMore ? items[^1].Position : ChangeLog.Later(from, read.VisibleEnd);
        return Results.Ok(new ChangePage(items.Select(r => r.ToChange()).ToList(), Infrastructure.Http.Cursor.Encode(next), hasMore));
    }
}
