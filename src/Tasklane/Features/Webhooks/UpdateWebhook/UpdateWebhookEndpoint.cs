using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.UpdateWebhook;

/// <summary>Every field optional: an absent (or null) field stays as it is. A new <see cref="Secret"/> is not echoed back.</summary>
public sealed record UpdateWebhookRequest(
    [property: MaxLength(WebhookRules.UrlMax)] string? Url,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Subscribable))]
    [property: MaxLength(WebhookRules.EventsMax)]
        string[]? Events,
    [property: MaxLength(WebhookRules.SecretMax)] [property: MinLength(WebhookRules.SecretMin)] string? Secret,
    bool? Enabled
);

public static class UpdateWebhookEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(UpdateWebhookEndpoint), "LockWebhook.sql");
    private static readonly string Update = Sql.Load(typeof(UpdateWebhookEndpoint), "UpdateWebhook.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(UpdateWebhookRequest? request, HttpRequest http, Membership? membership)
    {
        if (Access.Deny(membership, "The webhook", Permission.ManageMembers) is { } denied)
        {
            return denied;
        }

        return request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors().CheckWebhook(request.Url, request.Events, request.Secret, required: false).IfMatch(http).ToProblem();
    }

    /// <summary>Changes the URL, events, secret or enabled flag (admins and owners); 412 on a stale If-Match.</summary>
    [WolverinePatch("/webhooks/{webhookId}")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid webhookId,
        UpdateWebhookRequest request,
        Membership membership,
        WebhookSettings settings,
        NpgsqlDataSource db,
        HttpContext context,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (request.Url is not null && await WebhookTargets.RefusalAsync(new Uri(request.Url.Trim()), settings, ct) is { } refused)
        {
            return Results.Problem(new FieldErrors().Add("url", refused).ToProblem());
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await tx.QuerySingleOrDefaultAsync<WebhookResponse>(Lock, new { webhookId }, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The webhook"));
        }

        if (Preconditions.Stale(context.Request, "The webhook", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var updated = current;
        var changed = UpdateWebhookDecision.Decide(current, request);
        if (changed is not null || request.Secret is not null)
        {
            updated = (changed ?? current) with { Version = current.Version + 1, UpdatedAt = clock.DbNow() };
            await tx.ExecuteAsync(
                Update,
                new
                {
                    updated.Id,
                    updated.Url,
                    updated.Events,
                    updated.Enabled,
                    request.Secret,
                    updated.Version,
                    updated.UpdatedAt,
                },
                ct
            );
            await tx.CommitAsync(ct);
        }

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateWebhookDecision
{
    /// <summary>The webhook with the sent fields applied (version and time unchanged); null when nothing changed.</summary>
    public static WebhookResponse? Decide(WebhookResponse current, UpdateWebhookRequest request)
    {
        var next = current with
        {
            Url = request.Url?.Trim() ?? current.Url,
            Events = request.Events is null ? current.Events : WebhookRules.NormalizeEvents(request.Events),
            Enabled = request.Enabled ?? current.Enabled,
        };
        return next.Url == current.Url && next.Events.SequenceEqual(current.Events) && next.Enabled == current.Enabled ? null : next;
    }
}
