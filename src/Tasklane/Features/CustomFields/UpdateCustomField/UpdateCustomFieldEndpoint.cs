using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.CustomFields.UpdateCustomField;

/// <summary>
/// The fields a PATCH may change: an absent one stays as it is. <c>options</c> is the whole new list of a select field's
/// choices: each with the id of a current option keeps it (renamed if its name differs), each without an id is new, and a
/// current option left out is removed from every task that chose it. A field's type does not change.
/// </summary>
public sealed record UpdateCustomFieldRequest : StrictBody
{
    [MaxLength(CustomFieldRules.NameMax)]
    public Optional<string> Name { get; init; }

    [MaxLength(CustomFieldRules.OptionsMax)]
    public Optional<OptionRequest[]> Options { get; init; }

    public FieldErrors Validate() =>
        RefuseUnknownFields(new FieldErrors())
            .Typed("name", Name, "Must be a string.", nullable: false)
            .Typed("options", Options, "Must be an array of options ({id?, name}).", nullable: false)
            .CheckField(Name.Value, Options.Value, required: false);
}

public static class UpdateCustomFieldEndpoint
{
    private static readonly string Update = Sql.Load(typeof(UpdateCustomFieldEndpoint), "UpdateCustomField.sql");
    private static readonly string RemoveOptions = Sql.Load(typeof(UpdateCustomFieldEndpoint), "RemoveOptions.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(UpdateCustomFieldRequest? body, HttpRequest http, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (body is null ? FieldErrors.MissingBody() : body.Validate().IfMatch(http).ToProblem());

    /// <summary>Renames a field or changes its options; 412 on a stale If-Match, 409 when the new name is taken.</summary>
    [WolverinePatch("/workspaces/{workspaceId}/custom-fields/{fieldId}")]
    [ProducesResponseType<CustomFieldResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid workspaceId,
        Guid fieldId,
        UpdateCustomFieldRequest body,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var current = await CustomFieldRules.LockAsync(tx, workspaceId, fieldId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The custom field"));
        }

        if (Preconditions.Stale(context.Request, "The custom field", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        if (body.Options.IsPresent && !current.Type.HasOptions && body.Options.Value is { Length: > 0 })
        {
            return Results.Problem(
                new FieldErrors().Add("options", "Only single_select and multi_select fields have options.").ToProblem()
            );
        }

        var options = body.Options.IsPresent ? CustomFieldRules.Options(body.Options.Value!, current.Options) : current.Options;
        if (options is null)
        {
            return Results.Problem(
                new FieldErrors().Add("options", "An option's id must be one of the field's current options, once.").ToProblem()
            );
        }

        var (updated, changed) = UpdateCustomFieldDecision.Decide(
            current,
            body.Name.IsPresent ? body.Name.Value!.Trim() : current.Name,
            options,
            membership.UserId,
            clock.DbNow()
        );
        if (changed is null)
        {
            context.Response.Headers.ETag = current.ETag();
            return Results.Ok(current);
        }

        try
        {
            await tx.ExecuteAsync(Update, updated, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Problem(Problems.Conflict($"The workspace already has a custom field named \"{updated.Name}\"."));
        }

        if (current.Options.Any(o => !options.Any(k => k.Id == o.Id)))
        {
            var tasks = await tx.QueryAsync<Guid>(RemoveOptions, new { fieldId, kept = options.Select(o => o.Id).ToArray() }, ct);
            tx.Invalidate(tasks.Select(CacheKeys.Task));
        }

        tx.Publish(changed);
        await tx.CommitAsync(ct);

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateCustomFieldDecision
{
    /// <summary>The field with its new name and options, and its event; no event (and no new version) when nothing changed.</summary>
    public static (CustomFieldResponse Field, CustomFieldUpdated? Changed) Decide(
        CustomFieldResponse current,
        string name,
        CustomFieldOption[] options,
        Guid actorId,
        DateTime now
    )
    {
        var changes = new CustomFieldChanges
        {
            Name = FieldChange<string>.Between(current.Name, name),
            Options = current.Options.SequenceEqual(options) ? null : new FieldChange<CustomFieldOption[]>(current.Options, options),
        };
        if (!changes.Any)
        {
            return (current, null);
        }

        var next = current with { Name = name, Options = options, Version = current.Version + 1, UpdatedAt = now };
        return (next, new CustomFieldUpdated(Guid.CreateVersion7(), next.WorkspaceId, next.Id, actorId, now, next.Version, changes));
    }
}
