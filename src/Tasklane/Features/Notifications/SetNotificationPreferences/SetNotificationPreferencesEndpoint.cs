using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.SetNotificationPreferences;

/// <summary><c>mail</c>: <c>immediate</c>, <c>digest</c> or <c>off</c>.</summary>
public sealed record NotificationPreferencesRequest(
    [property: OneOf(typeof(NotificationMail), nameof(NotificationMail.Modes))] string? Mail
);

public static class SetNotificationPreferencesEndpoint
{
    // A token limited to some workspaces acts inside them only; the user's own settings are outside every workspace.
    public static ProblemDetails Validate(NotificationPreferencesRequest? request, ClaimsPrincipal caller) =>
        caller.DenyOutsideScope()
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Check("mail", request.Mail is not null, "Required.")
                    .OneOf("mail", request.Mail, NotificationMail.Modes)
                    .ToProblem()
        );

    /// <summary>
    /// Chooses how notifications reach the caller by mail: <c>immediate</c> (a mail for each mention, assignment,
    /// comment and reminder), <c>digest</c> (one mail a day gathering them) or <c>off</c>. Mail already queued follows
    /// the new choice: turned off, it is not sent.
    /// </summary>
    [WolverinePut("/me/notification-preferences")]
    public static async Task<NotificationPreferencesResponse> Put(
        NotificationPreferencesRequest request,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await NotificationPreferences.SetAsync(db, caller.UserId(), request.Mail!, clock.DbNow(), ct);
        return new NotificationPreferencesResponse(request.Mail!);
    }
}
