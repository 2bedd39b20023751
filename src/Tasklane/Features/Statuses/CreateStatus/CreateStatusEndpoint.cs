using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Features.Labels;
using Tasklane.Features.Projects;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Statuses.CreateStatus;

/// <summary>A new column: <c>wipLimit</c> null or absent means no limit.</summary>
public sealed record CreateStatusRequest(
    [property: MaxLength(StatusRules.NameMax)] string? Name,
    [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string? Color,
    StatusCategory? Category,
    [property: Range(1, StatusRules.WipLimitMax)] int? WipLimit
);

public static class CreateStatusEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateStatusEndpoint), "CreateStatus.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(CreateStatusRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects)
        ?? Access.DenyArchived(membership)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .CheckStatus(request.Name, request.Color, request.WipLimit, required: true)
                    .Check("category", request.Category is not null, "Required.")
                    .OneOf("category", request.Category)
                    .ToProblem()
        );

    /// <summary>
    /// A new status at the end of the project's board; 409 when one of the same name (ignoring case) exists or the project
    /// has <see cref="StatusRules.MaxPerProject"/>.
    /// </summary>
    [WolverinePost("/projects/{projectId}/statuses")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid projectId,
        CreateStatusRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var status = new StatusResponse(
            Guid.CreateVersion7(),
            projectId,
            request.Name!.Trim(),
            LabelRules.NormalizeColor(request.Color!),
            request.Category!.Value,
            0,
            request.WipLimit,
            1,
            now,
            now
        );

        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        double? position;
        try
        {
            position = await tx.QuerySingleOrDefaultAsync<double?>(
                Insert,
                new
                {
                    status.Id,
                    status.ProjectId,
                    status.Name,
                    status.Color,
                    status.Category,
                    status.WipLimit,
                    status.Version,
                    status.CreatedAt,
                    status.UpdatedAt,
                    Max = StatusRules.MaxPerProject,
                },
                ct
            );
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Problem(Problems.Conflict($"The project already has a status named \"{status.Name}\"."));
        }

        if (position is null)
        {
            return Results.Problem(Problems.Conflict($"A project has at most {StatusRules.MaxPerProject} statuses."));
        }

        status = status with { Position = position.Value };
        tx.Publish(
            new StatusCreated(
                Guid.CreateVersion7(),
                membership.WorkspaceId,
                projectId,
                status.Id,
                membership.UserId,
                now,
                status.Name,
                status.Color,
                status.Category,
                status.WipLimit
            )
        );
        await tx.CommitAsync(ct);

        response.Headers.ETag = status.ETag();
        return Results.Created(ApiRoutes.Path($"projects/{projectId}/statuses/{status.Id}"), status);
    }
}
