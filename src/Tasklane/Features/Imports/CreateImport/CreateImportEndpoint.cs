using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Auth;
using Tasklane.Features.Imports.CreateImportUpload;
using Tasklane.Features.Projects;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Http;

namespace Tasklane.Features.Imports.CreateImport;

/// <summary>
/// <c>source</c>: tasklane (Tasklane's JSON export), csv or jira. <c>objectKey</c>: from <c>POST …/imports/uploads</c>, once
/// the file is uploaded. <c>dryRun</c>: only check the file and preview what would be created. <c>skipBadRows</c>: import
/// the good rows and report the bad ones (otherwise one bad row fails the import and nothing is written).
/// <c>projectName</c>: the new project's name (default: the exported project's, or "Imported from …").
/// <c>inviteUnknownPeople</c>: an assignee named by an email address that no member has gets a pending invitation (role
/// member, or the one pending already), and the tasks are assigned to them when they accept it; by default such tasks are
/// left unassigned. People named without an address are left unassigned either way (map them in <c>mapping.users</c>).
/// </summary>
public sealed record CreateImportRequest(
    [property: OneOf(typeof(ImportRules), nameof(ImportRules.Sources))] string? Source,
    [property: MaxLength(ObjectStore.KeyMax)] string? ObjectKey,
    bool? DryRun = null,
    ImportMapping? Mapping = null,
    bool? SkipBadRows = null,
    [property: MaxLength(ProjectRules.NameMax)] string? ProjectName = null,
    bool? InviteUnknownPeople = null
);

public static class CreateImportEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateImportEndpoint), "CreateImport.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateImportRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (request is null ? FieldErrors.MissingBody() : CreateImportDecision.Check(request, membership!.WorkspaceId));

    /// <summary>
    /// Starts importing an uploaded file into a new project of the workspace, for admins and owners. Answers 202 with
    /// <c>Location</c> of the job to poll (<c>GET /imports/{id}</c>). A file the store does not have is 400, one over the
    /// size limit 413; what can only be known by reading it (invalid UTF-8 or JSON, too deep, too many rows, bad rows)
    /// fails the job with a reason, and the workspace is left as it was.
    /// </summary>
    [WolverinePost("/workspaces/{workspaceId}/imports")]
    [ProducesResponseType<ImportResponse>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(
        CreateImportRequest request,
        Membership membership,
        ImportSettings settings,
        ObjectStore store,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var size = await store.SizeAsync(request.ObjectKey!, ct);
        if (size is null)
        {
            return Results.Problem(
                new FieldErrors().Add("objectKey", "No file was uploaded at this key: PUT it to the upload URL first.").ToProblem()
            );
        }

        if (size > settings.MaxBytes)
        {
            return Results.Problem(CreateImportUploadDecision.TooLarge(size.Value, settings));
        }

        var (import, options) = CreateImportDecision.Decide(request, membership, clock.DbNow());
        await using var tx = await outbox.BeginAsync(ct);
        await tx.ExecuteAsync(
            Insert,
            new
            {
                import.Id,
                import.WorkspaceId,
                import.RequestedBy,
                import.Source,
                request.ObjectKey,
                Options = JsonSerializer.Serialize(options, JsonSerializerOptions.Web),
                import.DryRun,
                import.ProjectId,
                import.CreatedAt,
            },
            ct
        );
        tx.Send(new ImportRequested(import.Id, import.WorkspaceId));
        await tx.CommitAsync(ct);
        return Results.Accepted(ApiRoutes.Path($"imports/{import.Id}"), import);
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateImportDecision
{
    public static ProblemDetails Check(CreateImportRequest request, Guid workspaceId)
    {
        var errors = new FieldErrors()
            .Check("source", request.Source is not null, "Required.")
            .OneOf("source", request.Source, ImportRules.Sources)
            .Required("objectKey", request.ObjectKey, ObjectStore.KeyMax)
            .MaxLength("projectName", request.ProjectName, ProjectRules.NameMax)
            .Check("projectName", request.ProjectName is null || request.ProjectName.Trim().Length > 0, "Must not be blank.");
        if (request.ObjectKey is { Length: > 0 and <= ObjectStore.KeyMax } key)
        {
            errors.Check(
                "objectKey",
                ImportRules.IsUploadKey(workspaceId, key),
                "Is not an upload of this workspace: use the objectKey POST /workspaces/{id}/imports/uploads answered."
            );
        }

        if (request.Mapping is { } mapping)
        {
            CheckMapping(
                errors,
                "mapping.columns",
                mapping.Columns,
                key => ImportFields.All.Contains(key),
                $"Is not a field. Fields: {string.Join(", ", ImportFields.All)}.",
                _ => true,
                ""
            );
            CheckMapping(
                errors,
                "mapping.statuses",
                mapping.Statuses,
                _ => true,
                "",
                v => StatusCategory.TryParse(v, out _),
                $"Must be one of: {string.Join(", ", StatusCategory.All)}."
            );
            CheckMapping(
                errors,
                "mapping.priorities",
                mapping.Priorities,
                _ => true,
                "",
                v => TaskPriority.TryParse(v, out _),
                $"Must be one of: {string.Join(", ", TaskPriority.All)}."
            );
            CheckMapping(
                errors,
                "mapping.users",
                mapping.Users,
                _ => true,
                "",
                v => v.Contains('@') && v.Length <= UserRules.EmailMax,
                "Must be an email address."
            );
            errors.Check(
                "mapping.columns",
                mapping.Columns is null || request.Source is "csv" or "jira",
                "Only csv and jira files have columns."
            );
        }

        return errors.ToProblem();
    }

    private static void CheckMapping(
        FieldErrors errors,
        string field,
        IReadOnlyDictionary<string, string>? entries,
        Func<string, bool> keyValid,
        string keyMessage,
        Func<string, bool> valueValid,
        string valueMessage
    )
    {
        if (entries is null)
        {
            return;
        }

        errors.Check(field, entries.Count <= ImportRules.MappingEntriesMax, $"At most {ImportRules.MappingEntriesMax} entries.");
        foreach (var (name, value) in entries.Take(ImportRules.MappingEntriesMax))
        {
            if (name.Length > ImportRules.MappingTextMax || value is null || value.Length > ImportRules.MappingTextMax)
            {
                errors.Add($"{field}.{ImportRules.Cut(name)}", $"Names and values are at most {ImportRules.MappingTextMax} characters.");
            }
            else if (!keyValid(name))
            {
                errors.Add($"{field}.{name}", keyMessage);
            }
            else if (!valueValid(value))
            {
                errors.Add($"{field}.{name}", valueMessage);
            }
        }
    }

    public static (ImportResponse Import, ImportOptions Options) Decide(CreateImportRequest request, Membership membership, DateTime now)
    {
        var id = Guid.CreateVersion7();
        var dryRun = request.DryRun ?? false;
        var import = new ImportResponse(
            id,
            membership.WorkspaceId,
            request.Source!,
            "queued",
            dryRun,
            dryRun ? null : Guid.CreateVersion7(),
            Processed: 0,
            Total: null,
            Created: 0,
            Errors: [],
            Error: null,
            Preview: null,
            membership.UserId,
            now,
            StartedAt: null,
            FinishedAt: null
        );
        return (
            import,
            new ImportOptions(
                request.Mapping,
                request.SkipBadRows ?? false,
                request.ProjectName?.Trim(),
                request.InviteUnknownPeople ?? false
            )
        );
    }
}
