using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Labels.CreateLabel;

public sealed record CreateLabelRequest(
    [property: MaxLength(LabelRules.NameMax)] string? Name,
    [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string? Color
);

public static class CreateLabelEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateLabelEndpoint), "CreateLabel.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateLabelRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (request is null ? FieldErrors.MissingBody() : new FieldErrors().Check(request.Name, request.Color, required: true).ToProblem());

    /// <summary>A new label of the workspace; 409 when one of the same name (ignoring case) exists.</summary>
    [WolverinePost("/workspaces/{workspaceId}/labels")]
    [ProducesResponseType<LabelResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateLabelRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var label = new LabelResponse(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            request.Name!.Trim(),
            LabelRules.NormalizeColor(request.Color!),
            1,
            membership.UserId,
            now,
            now
        );

        await using var tx = await outbox.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<Guid?>(Insert, label, ct) is null)
        {
            return Results.Problem(Problems.Conflict($"The workspace already has a label named \"{label.Name}\"."));
        }

        tx.Publish(new LabelCreated(Guid.CreateVersion7(), label.WorkspaceId, label.Id, membership.UserId, now, label.Name, label.Color));
        await tx.CommitAsync(ct);

        response.Headers.ETag = label.ETag();
        return Results.Created(ApiRoutes.Path($"labels/{label.Id}"), label);
    }
}
