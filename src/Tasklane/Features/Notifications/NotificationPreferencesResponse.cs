using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Notifications;

/// <summary>
/// How notifications reach the user by mail: <c>immediate</c> (a mail each), <c>digest</c> (one mail a day gathering
/// them) or <c>off</c>. In-app notifications are kept whatever the choice.
/// </summary>
public sealed record NotificationPreferencesResponse(
    [property: OneOf(typeof(NotificationMail), nameof(NotificationMail.Modes))] string Mail
);
