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

namespace Tasklane.Features.Statuses.UpdateStatus;

/// <summary>
/// The fields a PATCH may change: an absent one stays as it is. A null <c>wipLimit</c> removes the limit; <c>afterId</c>
/// moves the status right after that one, or to the front when null. A new <c>category</c> carries the status' tasks along.
/// </summary>
public sealed record UpdateStatusRequest : StrictBody
{
    [MaxLength(StatusRules.NameMax)]
    public Optional<string> Name { get; init; }

    [RegularExpression(LabelRules.ColorPattern)]
    [MaxLength(LabelRules.ColorLength)]
    public Optional<string> Color { get; init; }

    public Optional<StatusCategory> Category { get; init; }

    [Range(1, StatusRules.WipLimitMax)]
    public Optional<int?> WipLimit { get; init; }

    public Optional<Guid?> AfterId { get; init; }

    public FieldErrors Validate(Guid statusId) =>
        RefuseUnknownFields(new FieldErrors())
            .Typed("name", Name, "Must be a string.", nullable: false)
            .Typed("color", Color, "Must be a string.", nullable: false)
            .Typed("category", Category, "Must be one of todo, in_progress, done.", nullable: false)
            .OneOf("category", Category)
            .Typed("wipLimit", WipLimit, "Must be a whole number or null.", nullable: true)
            .Typed("afterId", AfterId, "Must be a status id or null.", nullable: true)
            .Check("afterId", AfterId.Value != statusId, "Cannot be the status being moved.")
            .CheckStatus(Name.Value, Color.Value, WipLimit.Value, required: false);
}

public sealed record StatusPlacement(double? AfterPosition, double? NextPosition);

public static class UpdateStatusEndpoint
{
    private static readonly string Placement = Sql.Load(typeof(UpdateStatusEndpoint), "Placement.sql");
    private static readonly string Update = Sql.Load(typeof(UpdateStatusEndpoint), "UpdateStatus.sql");
    private static readonly string Recategorise = Sql.Load(typeof(UpdateStatusEndpoint), "RecategoriseTasks.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Guid statusId, UpdateStatusRequest? body, HttpRequest http, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects)
        ?? Access.DenyArchived(membership)
        ?? (body is null ? FieldErrors.MissingBody() : body.Validate(statusId).IfMatch(http).ToProblem());

    /// <summary>
    /// Renames, recolours, recategorises, limits or reorders a status; 412 on a stale If-Match, 409 when the new name is taken
    /// or the status is the last of the category it would leave.
    /// </summary>
    [WolverinePatch("/projects/{projectId}/statuses/{statusId}")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid projectId,
        Guid statusId,
        UpdateStatusRequest body,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        var current = await StatusRules.LockAsync(tx, projectId, statusId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The status"));
        }

        if (Preconditions.Stale(context.Request, "The status", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var position = current.Position;
        if (body.AfterId.IsPresent)
        {
            var place = await tx.QuerySingleAsync<StatusPlacement>(
                Placement,
                new
                {
                    ProjectId = projectId,
                    StatusId = statusId,
                    AfterId = body.AfterId.Value,
                },
                ct
            );
            if (body.AfterId.Value is not null && place.AfterPosition is null)
            {
                return Results.Problem(new FieldErrors().Add("afterId", "Must be another status of the project.").ToProblem());
            }

            position = UpdateStatusDecision.Between(place.AfterPosition, place.NextPosition) ?? position;
        }

        var (updated, changed) = UpdateStatusDecision.Decide(current, body, position, membership, clock.DbNow());
        if (changed is null)
        {
            context.Response.Headers.ETag = current.ETag();
            return Results.Ok(current);
        }

        if (changed.Changes.Category is not null && await StatusRules.KeepsCategoryAsync(tx, current, ct) is { } last)
        {
            return Results.Problem(last);
        }

        try
        {
            await tx.ExecuteAsync(Update, updated, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Problem(Problems.Conflict($"The project already has a status named \"{updated.Name}\"."));
        }

        if (changed.Changes.Category is not null)
        {
            await StatusRules.RewriteTasksAsync(tx, Recategorise, updated, ct);
        }

        tx.Publish(changed);
        await tx.CommitAsync(ct);

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateStatusDecision
{
    /// <summary>A position between two statuses (null: that end of the board); null when both ends are null (the only status).</summary>
    public static double? Between(double? after, double? next) =>
        (after, next) switch
        {
            (null, null) => null,
            ({ } a, null) => a + 1024,
            (null, { } n) => n - 1024,
            ({ } a, { } n) => a + (n - a) / 2,
        };

    /// <summary>The status after the change and its event; no event (and no new version) when nothing changed.</summary>
    public static (StatusResponse Status, StatusUpdated? Changed) Decide(
        StatusResponse current,
        UpdateStatusRequest patch,
        double position,
        Membership membership,
        DateTime now
    )
    {
        var next = current with
        {
            Name = patch.Name.IsPresent ? patch.Name.Value!.Trim() : current.Name,
            Color = patch.Color.IsPresent ? LabelRules.NormalizeColor(patch.Color.Value!) : current.Color,
            Category = patch.Category.IsPresent ? patch.Category.Value : current.Category,
            WipLimit = patch.WipLimit.Or(current.WipLimit),
            Position = position,
        };
        var changes = new StatusChanges
        {
            Name = FieldChange<string>.Between(current.Name, next.Name),
            Color = FieldChange<string>.Between(current.Color, next.Color),
            Category = FieldChange<StatusCategory>.Between(current.Category, next.Category),
            WipLimit = FieldChange<int?>.Between(current.WipLimit, next.WipLimit),
            Position = FieldChange<double>.Between(current.Position, next.Position),
        };
        if (!changes.Any)
        {
            return (current, null);
        }

        next = next with { Version = current.Version + 1, UpdatedAt = now };
        return (
            next,
            new StatusUpdated(
                Guid.CreateVersion7(),
                membership.WorkspaceId,
                next.ProjectId,
                next.Id,
                membership.UserId,
                now,
                next.Version,
                changes
            )
        );
    }
}
