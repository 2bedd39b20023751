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

namespace Tasklane.Features.CustomFields.CreateCustomField;

/// <summary>A new field: <c>options</c> (their names) for the select types only.</summary>
public sealed record CreateCustomFieldRequest(
    [property: MaxLength(CustomFieldRules.NameMax)] string? Name,
    CustomFieldType? Type,
    [property: MaxLength(CustomFieldRules.OptionsMax)] OptionRequest[]? Options
);

public static class CreateCustomFieldEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateCustomFieldEndpoint), "CreateCustomField.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateCustomFieldRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .CheckField(request.Name, request.Options, required: true)
                    .Check("type", request.Type is not null, "Required.")
                    .OneOf("type", request.Type)
                    .Check(
                        "options",
                        request.Type is not { IsDefined: true } type || type.HasOptions || request.Options is null or [],
                        "Only single_select and multi_select fields have options."
                    )
                    .Check("options", request.Options?.All(o => o?.Id is null) ?? true, "New options have no id.")
                    .ToProblem()
        );

    /// <summary>A new custom field at the end of the workspace's; 409 when one of the same name (ignoring case) exists or the workspace has <see cref="CustomFieldRules.MaxPerWorkspace"/>.</summary>
    [WolverinePost("/workspaces/{workspaceId}/custom-fields")]
    [ProducesResponseType<CustomFieldResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid workspaceId,
        CreateCustomFieldRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var field = new CustomFieldResponse(
            Guid.CreateVersion7(),
            workspaceId,
            request.Name!.Trim(),
            request.Type!.Value,
            CustomFieldRules.Options(request.Options ?? [], [])!,
            0,
            1,
            membership.UserId,
            now,
            now
        );

        await using var tx = await outbox.BeginAsync(ct);
        double? position;
        try
        {
            position = await tx.QuerySingleOrDefaultAsync<double?>(
                Insert,
                new
                {
                    field.Id,
                    field.WorkspaceId,
                    field.Name,
                    field.Type,
                    field.Options,
                    field.Version,
                    field.CreatedBy,
                    field.CreatedAt,
                    field.UpdatedAt,
                    Max = CustomFieldRules.MaxPerWorkspace,
                },
                ct
            );
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Problem(Problems.Conflict($"The workspace already has a custom field named \"{field.Name}\"."));
        }

        if (position is null)
        {
            return Results.Problem(Problems.Conflict($"A workspace has at most {CustomFieldRules.MaxPerWorkspace} custom fields."));
        }

        field = field with { Position = position.Value };
        tx.Publish(
            new CustomFieldCreated(
                Guid.CreateVersion7(),
                workspaceId,
                field.Id,
                membership.UserId,
                now,
                field.Name,
                field.Type,
                field.Options
            )
        );
        await tx.CommitAsync(ct);

        response.Headers.ETag = field.ETag();
        return Results.Created(ApiRoutes.Path($"workspaces/{workspaceId}/custom-fields/{field.Id}"), field);
    }
}
