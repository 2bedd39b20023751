using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.ListNotifications;

public static class ListNotificationsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListNotificationsEndpoint), "ListNotifications.sql");

    public static ProblemDetails Validate(int? limit, string? after) => new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>
    /// The caller's notifications, newest first; <c>unread=true</c> lists only unread ones. Notifications of a
    /// workspace the caller has left are not shown.
    /// </summary>
    [WolverineGet("/me/notifications")]
    public static Task<Page<NotificationResponse>> Get(
        bool? unread,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) =>
        Paging.QueryAsync<NotificationResponse>(
            reads,
            caller,
            Query,
            new
            {
                userId = caller.UserId(),
                unread = unread ?? false,
                scope = caller.WorkspaceScope(),
            },
            limit,
            after,
            n => n.Id,
            ct
        );
}
