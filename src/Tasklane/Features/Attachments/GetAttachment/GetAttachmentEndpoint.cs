using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Attachments.GetAttachment;

public static class GetAttachmentEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetAttachmentEndpoint), "GetAttachment.sql");

    public static Task<Membership?> LoadAsync(Guid attachmentId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToAttachmentAsync(attachmentId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The attachment") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Redirects (302) to a short-lived presigned download URL, so the bytes come straight from the object
    /// store. 409 while the upload is not complete.
    /// </summary>
    [WolverineGet("/attachments/{attachmentId}")]
    [ProducesResponseType(StatusCodes.Status302Found)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Get(
        Guid attachmentId,
        NpgsqlDataSource db,
        ObjectStore store,
        AttachmentSettings settings,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var attachment = await connection.QuerySingleOrDefaultAsync<AttachmentResponse>(
            new CommandDefinition(Query, new { attachmentId }, cancellationToken: ct)
        );
        if (attachment is null)
        {
            return Results.Problem(Problems.NotFound("The attachment"));
        }

        if (attachment.Status != "ready")
        {
            return Results.Problem(Problems.Conflict("The upload of this attachment is not complete."));
        }

        var expires = clock.DbNow().AddMinutes(settings.DownloadUrlMinutes);
        var url = await store.PresignGetAsync(attachment.ObjectKey, attachment.FileName, attachment.ContentType, expires);
        // The URL is a short-lived credential: no cache may keep it beyond this response.
        response.Headers.CacheControl = "no-store";
        return Results.Redirect(url);
    }
}
