using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Exports.CreateExport;

/// <summary><c>format</c>: json (default; everything, comments nested in their tasks) or csv (one row per task).</summary>
public sealed record CreateExportRequest([property: OneOf(typeof(ExportRules), nameof(ExportRules.Formats))] string? Format);

public static class CreateExportEndpoint
{
    private static readonly string Active = Sql.Load(typeof(CreateExportEndpoint), "ActiveExport.sql");
    private static readonly string ProjectName = Sql.Load(typeof(CreateExportEndpoint), "ProjectName.sql");
    private static readonly string Insert = Sql.Load(typeof(CreateExportEndpoint), "CreateExport.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(CreateExportRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project") ?? CreateExportDecision.Check(request);

    /// <summary>
    /// Starts exporting the project (tasks with assignees, labels, comments and attachment links) to a file. Answers
    /// 202 with <c>Location</c> of the job to poll (<c>GET /exports/{id}</c>) until it has a <c>downloadUrl</c>.
    /// Asking again while the caller's export of the same project and format is unfinished returns that one.
    /// Anyone who can read the project may export it, archived projects included.
    /// </summary>
    [WolverinePost("/projects/{projectId}/exports")]
    [ProducesResponseType<ExportResponse>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(
        Guid projectId,
        CreateExportRequest? request,
        Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var format = CreateExportDecision.FormatOf(request);
        await using var tx = await outbox.BeginAsync(ct);
        var running = await tx.QuerySingleOrDefaultAsync<ExportResponse>(
            Active,
            new
            {
                ProjectId = projectId,
                membership.UserId,
                Format = format,
            },
            ct
        );
        if (running is not null)
        {
            return Accepted(running);
        }

        var name = await tx.QuerySingleOrDefaultAsync<string>(ProjectName, new { ProjectId = projectId }, ct);
        if (name is null)
        {
            return Results.Problem(Problems.NotFound("The project"));
        }

        var export = CreateExportDecision.Decide(projectId, format, name, membership, clock.DbNow());
        await tx.ExecuteAsync(
            Insert,
            new
            {
                export.Id,
                export.WorkspaceId,
                export.ProjectId,
                export.Format,
                export.ObjectKey,
                export.FileName,
                export.CreatedBy,
                export.CreatedAt,
            },
            ct
        );
        tx.Send(new ExportRequested(export.Id, export.WorkspaceId, export.ProjectId));
        await tx.CommitAsync(ct);
        return Accepted(export);
    }

    private static IResult Accepted(ExportResponse export) => Results.Accepted(ApiRoutes.Path($"exports/{export.Id}"), export);
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateExportDecision
{
    public static ProblemDetails Check(CreateExportRequest? request)
    {
        var format = request?.Format;
        return format is null || ExportRules.Formats.Contains(format)
            ? WolverineContinue.NoProblems
            : new FieldErrors().Add("format", $"Must be one of: {string.Join(", ", ExportRules.Formats)}.").ToProblem();
    }

    public static string FormatOf(CreateExportRequest? request) => request?.Format ?? "json";

    public static ExportResponse Decide(Guid projectId, string format, string projectName, Membership membership, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new ExportResponse(
            id,
            membership.WorkspaceId,
            projectId,
            format,
            "queued",
            0,
            ExportRules.FileName(projectName, now, format),
            Size: null,
            TaskCount: null,
            Error: null,
            membership.UserId,
            now,
            StartedAt: null,
            FinishedAt: null,
            ExpiresAt: null
        );
    }
}
