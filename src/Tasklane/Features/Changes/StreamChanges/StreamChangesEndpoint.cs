using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Changes.StreamChanges;

public static class StreamChangesEndpoint
{
    /// <summary>What an EventSource sends when it reconnects: the id of the last event it received.</summary>
    public const string LastEventId = "Last-Event-ID";

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(string? after, HttpRequest request, Membership? membership) =>
        Access.Deny(membership, "The workspace")
        ?? (
            Cursor.TryDecode(ResumeFrom(after, request), out _)
                ? WolverineContinue.NoProblems
                : new FieldErrors().Add("after", "Is not an event id sent by this API (nor is Last-Event-ID).").ToProblem()
        );

    /// <summary>
    /// The workspace's changes as server-sent events, as they happen. With <c>Last-Event-ID</c> (or <c>after</c>) the
    /// stream first replays what came after that event, from the change log, then goes live: no gap, no duplicate.
    /// </summary>
    [WolverineGet("/workspaces/{workspaceId}/events")]
    [ProducesResponseType<Change>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ResponseExample(
        StatusCodes.Status200OK,
        """
            retry: 2000

            id: AAAAAAAAC9gAAAAAAAAAKQ
            event: ready
            data: {}

            id: AAAAAAAAC9kAAAAAAAAAKg
            data: {"id":"AAAAAAAAC9kAAAAAAAAAKg","type":"task.created","eventId":"019ad4a1-7c2e-7b3a-9f1e-2d4c6b8a0e11","workspaceId":"019ad49f-0b1c-7e55-8c3d-5a6b7c8d9e0f","actorId":"019ad49e-11aa-7c22-9d33-4e55f6a7b8c9","occurredAt":"2026-11-30T09:15:02.118Z","data":{"taskId":"019ad4a0-9c8d-7e6f-a051-62738495a6b7","title":"Ship it","status":"todo","priority":"high"}}

            : heartbeat

            """
    )]
    public static IResult Get([MaxLength(Cursor.Length)] string? after, HttpRequest request, Membership membership) =>
        new ChangeStream(membership, Cursor.TryDecode(ResumeFrom(after, request), out var position) ? position : null);

    /// <summary>The header a reconnecting EventSource sends wins over the query string it was first opened with.</summary>
    private static string? ResumeFrom(string? after, HttpRequest request) =>
        request.Headers[LastEventId] is { Count: > 0 } lastEventId && lastEventId.ToString().Length > 0 ? lastEventId.ToString() : after;
}
