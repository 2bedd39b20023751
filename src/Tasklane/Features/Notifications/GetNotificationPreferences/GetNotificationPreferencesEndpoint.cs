using System.Security.Claims;
using Npgsql;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.GetNotificationPreferences;

public static class GetNotificationPreferencesEndpoint
{
    /// <summary>How the caller's notifications reach them by mail (the deployment's default until they choose).</summary>
    [WolverineGet("/me/notification-preferences")]
    public static Task<NotificationPreferencesResponse> Get(
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        MailSettings settings,
        CancellationToken ct
    ) => NotificationPreferences.GetAsync(db, caller.UserId(), settings, ct);
}
