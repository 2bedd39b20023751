using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Attachments.CreateAttachment;

/// <summary>
/// What the client needs to upload: PUT the bytes to <see cref="UploadUrl"/> with <see cref="UploadHeaders"/> before
/// <see cref="ExpiresAt"/>. Both headers are signed: the store refuses another type or another length.
/// </summary>
public sealed record UploadResponse(
    Guid AttachmentId,
    [property: MaxLength(ObjectStore.PresignedUrlMax)] string UploadUrl,
    [property: OneOf(typeof(UploadResponse), nameof(UploadResponse.Methods))] string UploadMethod,
    [property: ValueMaxLength(CreateAttachmentDecision.UploadHeaderValueMax)] IReadOnlyDictionary<string, string> UploadHeaders,
    DateTime ExpiresAt,
    AttachmentResponse Attachment
)
{
    /// <summary>The presigned upload is always a PUT.</summary>
    internal static readonly string[] Methods = ["PUT"];
}

public sealed record CreateAttachmentRequest(
    [property: MaxLength(AttachmentRules.FileNameInputMax)] string? FileName,
    [property: MaxLength(AttachmentRules.ContentTypeMax)] string? ContentType,
    [property: Range(typeof(long), "0", "9223372036854775807")] long? Size
);

public static class CreateAttachmentEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateAttachmentEndpoint), "CreateAttachment.sql");
    private static readonly string LockUploads = Sql.Load(typeof(CreateAttachmentEndpoint), "LockWorkspaceUploads.sql");
    private static readonly string Usage = Sql.Load(typeof(CreateAttachmentEndpoint), "WorkspaceUsage.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(CreateAttachmentRequest? request, Membership? membership, AttachmentSettings settings) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (request is null ? FieldErrors.MissingBody() : CreateAttachmentDecision.Check(request, settings));

    /// <summary>
    /// Starts an upload: records a pending attachment (its declared size counts against the workspace quota
    /// at once) and answers a presigned PUT URL, so the bytes go straight to the object store. Then call
    /// <c>POST /attachments/{id}/complete</c>; an upload never completed is deleted after the pending timeout.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/tasks/{taskId}/attachments")]
    [ProducesResponseType<UploadResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid taskId,
        CreateAttachmentRequest request,
        Membership membership,
        AttachmentSettings settings,
        ObjectStore store,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var (attachment, urlExpiresAt, expiry) = CreateAttachmentDecision.Decide(taskId, request, membership, settings, clock.DbNow());

        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } blocked)
        {
            return Results.Problem(blocked);
        }

        await tx.ExecuteAsync(LockUploads, new { membership.WorkspaceId }, ct);
        var used = await tx.ExecuteScalarAsync<long>(Usage, new { membership.WorkspaceId }, ct);
        if (CreateAttachmentDecision.OverQuota(used, attachment.Size, settings) is { } full)
        {
            return Results.Problem(full);
        }

        var inserted = await tx.ExecuteAsync(
            Insert,
            new
            {
                attachment.Id,
                attachment.WorkspaceId,
                attachment.TaskId,
                attachment.ObjectKey,
                attachment.FileName,
                attachment.ContentType,
                attachment.Size,
                attachment.CreatedBy,
                attachment.CreatedAt,
            },
            ct
        );
        if (inserted == 0)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        // Scheduled inside the outbox transaction: stored by this commit, delivered to the worker when due.
        tx.Schedule(expiry, new DateTimeOffset(expiry.OccurredAt));
        await tx.CommitAsync(ct);

        var url = await store.PresignPutAsync(attachment.ObjectKey, attachment.ContentType, attachment.Size, urlExpiresAt);
        return Results.Created(
            ApiRoutes.Path($"attachments/{attachment.Id}"),
            new UploadResponse(
                attachment.Id,
                url,
                UploadResponse.Methods[0],
                CreateAttachmentDecision.UploadHeaders(attachment),
                urlExpiresAt,
                attachment
            )
        );
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateAttachmentDecision
{
    /// <summary>400 with the fields to fix, then 413 when the declared size is over the cap; "no problems" otherwise.</summary>
    public static ProblemDetails Check(CreateAttachmentRequest request, AttachmentSettings settings)
    {
        var errors = new FieldErrors().Required("fileName", request.FileName, AttachmentRules.FileNameInputMax);
        if (!string.IsNullOrWhiteSpace(request.FileName) && request.FileName.Length <= AttachmentRules.FileNameInputMax)
        {
            errors.Check(
                "fileName",
                AttachmentRules.SanitizeFileName(request.FileName).Length > 0,
                "Has no usable characters once path parts and control characters are removed."
            );
        }

        errors.Required("contentType", request.ContentType, AttachmentRules.ContentTypeMax);
        if (!string.IsNullOrWhiteSpace(request.ContentType) && request.ContentType.Length <= AttachmentRules.ContentTypeMax)
        {
            var media = AttachmentRules.MediaType(request.ContentType);
            if (media is null)
            {
                errors.Add("contentType", "Is not a media type such as 'application/pdf'.");
            }
            else if (!settings.ContentTypes.Contains(media, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add("contentType", $"This type of file is not allowed. Allowed: {string.Join(", ", settings.ContentTypes)}.");
            }
        }

        errors.Check("size", request.Size is not null, "Required.");
        errors.Check("size", request.Size is null or >= 0, "Must be 0 or more.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return request.Size > settings.MaxBytes
            ? new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "File too large",
                Detail = $"The file is {request.Size} bytes; attachments may be at most {settings.MaxBytes} bytes.",
            }
            : WolverineContinue.NoProblems;
    }

    /// <summary>
    /// The longest value in <see cref="UploadHeaders"/>: Content-Type is the request's, trimmed, which <see cref="Check"/>
    /// holds to <see cref="AttachmentRules.ContentTypeMax"/>; Content-Length is a size's digits, 19 at most.
    /// </summary>
    public const int UploadHeaderValueMax = AttachmentRules.ContentTypeMax;

    /// <summary>The headers the presigned PUT was signed with; HTTP clients set Content-Length from the body themselves.</summary>
    public static Dictionary<string, string> UploadHeaders(AttachmentResponse attachment) =>
        new() { ["Content-Type"] = attachment.ContentType, ["Content-Length"] = attachment.Size.ToString(CultureInfo.InvariantCulture) };

    /// <summary>409 when adding <paramref name="size"/> bytes to the <paramref name="used"/> ones exceeds the workspace quota.</summary>
    public static ProblemDetails? OverQuota(long used, long size, AttachmentSettings settings) =>
        used + size > settings.WorkspaceQuotaBytes
            ? Problems.Conflict(
                $"The workspace's attachment quota of {settings.WorkspaceQuotaBytes} bytes would be exceeded: {used} bytes are in use "
                    + $"(including uploads not yet completed) and this file is {size} bytes. Delete attachments to make room."
            )
            : null;

    /// <summary>
    /// The pending attachment, when its upload URL expires, and its expiry message: due when both the URL and
    /// the pending timeout have run out, so an upload can never land after its row was cleaned up.
    /// </summary>
    public static (AttachmentResponse Attachment, DateTime UrlExpiresAt, AttachmentUploadExpired Expiry) Decide(
        Guid taskId,
        CreateAttachmentRequest request,
        Membership membership,
        AttachmentSettings settings,
        DateTime now
    )
    {
        var attachment = new AttachmentResponse(
            Id: Guid.CreateVersion7(),
            WorkspaceId: membership.WorkspaceId,
            ProjectId: membership.ProjectId!.Value,
            TaskId: taskId,
            FileName: AttachmentRules.SanitizeFileName(request.FileName!),
            ContentType: request.ContentType!.Trim(),
            Size: request.Size!.Value,
            Status: "pending",
            CreatedBy: membership.UserId,
            CreatedAt: now,
            CompletedAt: null
        );
        var urlExpiresAt = now.AddMinutes(settings.UploadUrlMinutes);
        var due = now.AddMinutes(Math.Max(settings.PendingTimeoutMinutes, settings.UploadUrlMinutes));
        var expiry = new AttachmentUploadExpired(Guid.CreateVersion7(), membership.WorkspaceId, attachment.Id, membership.UserId, due);
        return (attachment, urlExpiresAt, expiry);
    }
}
