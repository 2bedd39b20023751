using Microsoft.Kiota.Abstractions;
using Tasklane.Client;

namespace Tasklane.Web.Services;

/// <summary>
/// The signed-in user's unread count, as the header's badge shows it, and the news that a notification arrived. The header
/// and the inbox page share it: marking read on the page updates the badge at once, and a <c>notification.created</c> heard on
/// the stream updates both.
/// </summary>
public sealed class Inbox : IDisposable
{
    private readonly TasklaneApiClient _api;
    private readonly LiveStream _live;

    // Counts may come back out of order (a count asked before a "mark read" answered after it): only the last asked is shown.
    private int _asked;

    public Inbox(TasklaneApiClient api, LiveStream live)
    {
        (_api, _live) = (api, live);
        _live.Received += OnReceived;
    }

    /// <summary>Unread notifications, or null before the first count (and when signed out).</summary>
    public int? Unread { get; private set; }

    /// <summary>Raised when <see cref="Unread"/> changes.</summary>
    public event Action? Changed;

    /// <summary>A notification for this user was stored (heard on the followed workspace's stream).</summary>
    public event Action? Arrived;

    /// <summary>Counts the unread notifications again. The count is a hint: when the API cannot answer, the badge keeps what it showed.</summary>
    public async Task RefreshAsync()
    {
        var asked = ++_asked;
        int? count;
        try
        {
            count = (await _api.Api.V1.Me.Notifications.UnreadCount.GetAsync())?.Count;
        }
        catch (Exception e) when (e is HttpRequestException or ApiException)
        {
            return;
        }

        if (asked == _asked && count is not null)
        {
            Set(count);
        }
    }

    /// <summary>Signed out: nothing to count.</summary>
    public void Forget()
    {
        _asked++;
        Set(null);
    }

    public void Dispose() => _live.Received -= OnReceived;

    private void OnReceived(LiveEvent live)
    {
        if (live.Type == "notification.created")
        {
            Arrived?.Invoke();
            _ = RefreshAsync();
        }
    }

    private void Set(int? unread)
    {
        if (unread != Unread)
        {
            Unread = unread;
            Changed?.Invoke();
        }
    }
}
