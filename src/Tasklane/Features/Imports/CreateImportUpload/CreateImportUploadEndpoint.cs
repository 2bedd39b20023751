using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Imports.CreateImportUpload;

/// <summary><c>size</c>: the file's exact length in bytes, which the upload URL is signed for.</summary>
public sealed record CreateImportUploadRequest([property: Range(typeof(long), "0", "9223372036854775807")] long? Size);

/// <summary>
/// PUT the file's bytes to <see cref="UploadUrl"/> with <see cref="UploadHeaders"/> before <see cref="ExpiresAt"/>, then
/// start the import with <see cref="ObjectKey"/>.
/// </summary>
public sealed record ImportUploadResponse(
    [property: MaxLength(ObjectStore.KeyMax)] string ObjectKey,
    [property: MaxLength(ObjectStore.PresignedUrlMax)] string UploadUrl,
    [property: OneOf(typeof(ImportUploadResponse), nameof(ImportUploadResponse.Methods))] string UploadMethod,
    [property: ValueMaxLength(CreateImportUploadDecision.UploadHeaderValueMax)] IReadOnlyDictionary<string, string> UploadHeaders,
    DateTime ExpiresAt
)
{
    /// <summary>The presigned upload is always a PUT.</summary>
    internal static readonly string[] Methods = ["PUT"];
}

public static class CreateImportUploadEndpoint
{
    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateImportUploadRequest? request, Membership? membership, ImportSettings settings) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (request is null ? FieldErrors.MissingBody() : CreateImportUploadDecision.Check(request, settings));

    /// <summary>
    /// A presigned URL to upload a file to import (the bytes go straight to the object store), for admins and owners.
    /// Files over the import size limit are refused with 413.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/workspaces/{workspaceId}/imports/uploads")]
    [ProducesResponseType<ImportUploadResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        CreateImportUploadRequest request,
        Membership membership,
        ImportSettings settings,
        ObjectStore store,
        TimeProvider clock
    )
    {
        var (key, expires) = CreateImportUploadDecision.Decide(membership, settings, clock.DbNow());
        var url = await store.PresignPutAsync(key, CreateImportUploadDecision.ContentType, request.Size!.Value, expires);
        return Results.Ok(
            new ImportUploadResponse(
                key,
                url,
                ImportUploadResponse.Methods[0],
                CreateImportUploadDecision.UploadHeaders(request.Size.Value),
                expires
            )
        );
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateImportUploadDecision
{
    /// <summary>Every import file is stored as bytes: the source named at the start says how to read them.</summary>
    public const string ContentType = "application/octet-stream";

    /// <summary>The longest value in the upload headers: the content type (24) or a size's digits (19).</summary>
    public const int UploadHeaderValueMax = 24;

    /// <summary>400 without a size, 413 above the limit; "no problems" otherwise.</summary>
    public static ProblemDetails Check(CreateImportUploadRequest request, ImportSettings settings)
    {
        var errors = new FieldErrors()
            .Check("size", request.Size is not null, "Required.")
            .Check("size", request.Size is null or >= 0, "Must be 0 or more.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return request.Size > settings.MaxBytes ? TooLarge(request.Size.Value, settings) : WolverineContinue.NoProblems;
    }

    public static ProblemDetails TooLarge(long size, ImportSettings settings) =>
        new()
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "File too large",
            Detail = $"The file is {size} bytes; an import file may be at most {settings.MaxBytes} bytes.",
        };

    public static (string ObjectKey, DateTime ExpiresAt) Decide(Membership membership, ImportSettings settings, DateTime now) =>
        (ImportRules.ObjectKey(membership.WorkspaceId, Guid.CreateVersion7()), now.AddMinutes(settings.UploadUrlMinutes));

    /// <summary>The headers the presigned PUT was signed with.</summary>
    public static Dictionary<string, string> UploadHeaders(long size) =>
        new() { ["Content-Type"] = ContentType, ["Content-Length"] = size.ToString(CultureInfo.InvariantCulture) };
}
