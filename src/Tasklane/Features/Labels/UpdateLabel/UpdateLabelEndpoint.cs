using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Labels.UpdateLabel;

/// <summary>Both fields optional: an absent (or null) field stays as it is.</summary>
public sealed record UpdateLabelRequest(
    [property: MaxLength(LabelRules.NameMax)] string? Name,
    [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string? Color
);

public static class UpdateLabelEndpoint
{
    private static readonly string Update = Sql.Load(typeof(UpdateLabelEndpoint), "UpdateLabel.sql");

    public static Task<Membership?> LoadAsync(Guid labelId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToLabelAsync(labelId, caller, ct);

    public static ProblemDetails Validate(UpdateLabelRequest? request, HttpRequest http, Membership? membership)
    {
        if (Access.Deny(membership, "The label", Permission.ManageProjects) is { } denied)
        {
            return denied;
        }

        if (request is null)
        {
            return FieldErrors.MissingBody();
        }

        return new FieldErrors().Check(request.Name, request.Color, required: false).IfMatch(http).ToProblem();
    }

    /// <summary>Renames or recolours a label; 412 on a stale If-Match, 409 when the new name is taken.</summary>
    [WolverinePatch("/labels/{labelId}")]
    [ProducesResponseType<LabelResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid labelId,
        UpdateLabelRequest request,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var current = await LabelRules.LockAsync(tx, labelId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The label")); // deleted after the access check
        }

        if (Preconditions.Stale(context.Request, "The label", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var (updated, changed) = UpdateLabelDecision.Decide(current, request, membership.UserId, clock.DbNow());
        if (changed is not null)
        {
            try
            {
                await tx.ExecuteAsync(Update, updated, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return Results.Problem(Problems.Conflict($"The workspace already has a label named \"{updated.Name}\"."));
            }

            tx.Publish(changed);
            await tx.CommitAsync(ct);
        }

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateLabelDecision
{
    /// <summary>The label after the change and its event; no event (and no new version) when nothing changed.</summary>
    public static (LabelResponse Label, LabelUpdated? Changed) Decide(
        LabelResponse current,
        UpdateLabelRequest request,
        Guid actorId,
        DateTime now
    )
    {
        var next = current with
        {
            Name = request.Name?.Trim() ?? current.Name,
            Color = request.Color is null ? current.Color : LabelRules.NormalizeColor(request.Color),
        };
        var changes = new LabelChanges
        {
            Name = FieldChange<string>.Between(current.Name, next.Name),
            Color = FieldChange<string>.Between(current.Color, next.Color),
        };
        if (!changes.Any)
        {
            return (current, null);
        }

        next = next with { Version = current.Version + 1, UpdatedAt = now };
        return (next, new LabelUpdated(Guid.CreateVersion7(), next.WorkspaceId, next.Id, actorId, now, next.Version, changes));
    }
}
