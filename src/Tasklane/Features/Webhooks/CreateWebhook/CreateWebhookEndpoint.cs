using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.CreateWebhook;

/// <summary><see cref="Secret"/> is optional (one is generated); <see cref="Enabled"/> defaults to true.</summary>
public sealed record CreateWebhookRequest(
    [property: MaxLength(WebhookRules.UrlMax)] string? Url,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Subscribable))]
    [property: MaxLength(WebhookRules.EventsMax)]
        string[]? Events,
    [property: MaxLength(WebhookRules.SecretMax)] [property: MinLength(WebhookRules.SecretMin)] string? Secret,
    bool? Enabled
);

/// <summary>The new webhook and its signing secret: the only response that ever shows the secret.</summary>
public sealed record CreatedWebhookResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: MaxLength(WebhookRules.UrlMax)] string Url,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Subscribable))]
    [property: MaxLength(WebhookRules.EventsMax)]
        string[] Events,
    bool Enabled,
    int Version,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: MaxLength(WebhookRules.SecretMax)] string Secret
);

public static class CreateWebhookEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateWebhookEndpoint), "CreateWebhook.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateWebhookRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors().CheckWebhook(request.Url, request.Events, request.Secret, required: true).ToProblem()
        );

    /// <summary>
    /// Registers a webhook (admins and owners). Answers its secret once: keep it to verify the
    /// <c>Tasklane-Signature</c> header. Targets on private networks are refused unless the server allows them.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/workspaces/{workspaceId}/webhooks")]
    [ProducesResponseType<CreatedWebhookResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateWebhookRequest request,
        Membership membership,
        WebhookSettings settings,
        NpgsqlDataSource db,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var created = CreateWebhookDecision.Decide(request, membership, clock.DbNow());
        if (await WebhookTargets.RefusalAsync(new Uri(created.Url), settings, ct) is { } refused)
        {
            return Results.Problem(new FieldErrors().Add("url", refused).ToProblem());
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Insert, created, cancellationToken: ct));

        response.Headers.ETag = $"\"{created.Version}\"";
        return Results.Created(ApiRoutes.Path($"webhooks/{created.Id}"), created);
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateWebhookDecision
{
    public static CreatedWebhookResponse Decide(CreateWebhookRequest request, Membership membership, DateTime now) =>
        new(
            Id: Guid.CreateVersion7(),
            WorkspaceId: membership.WorkspaceId,
            Url: request.Url!.Trim(),
            Events: WebhookRules.NormalizeEvents(request.Events!),
            Enabled: request.Enabled ?? true,
            Version: 1,
            CreatedBy: membership.UserId,
            CreatedAt: now,
            UpdatedAt: now,
            Secret: request.Secret ?? WebhookRules.NewSecret()
        );
}
