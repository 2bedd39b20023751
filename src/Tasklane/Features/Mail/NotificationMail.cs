namespace Tasklane.Features.Mail;

/// <summary>How a user wants notifications by mail, and the digest periods; pure.</summary>
public static class NotificationMail
{
    /// <summary>A mail for each notification, as it happens.</summary>
    public const string Immediate = "immediate";

    /// <summary>One mail per period (a day) gathering its notifications.</summary>
    public const string Digest = "digest";

    /// <summary>No notification mail (in-app notifications stay).</summary>
    public const string Off = "off";

    public static readonly string[] Modes = [Immediate, Digest, Off];

    /// <summary>
    /// The start of the digest period <paramref name="now"/> falls in: periods of <paramref name="period"/> whose boundaries
    /// lie <paramref name="at"/> after midnight UTC (a day from 07:00 to 07:00 by default).
    /// </summary>
    public static DateTime PeriodStart(DateTime now, TimeSpan period, TimeSpan at)
    {
        var since = now.Ticks - at.Ticks;
        var start = since - (((since % period.Ticks) + period.Ticks) % period.Ticks);
        return new DateTime(start + at.Ticks, DateTimeKind.Utc);
    }

    /// <summary>
    /// When the digest of the period starting at <paramref name="periodStart"/> goes out: a minute after the period
    /// ends (a tenth of a shorter period), so that a notification being recorded at the boundary is in it.
    /// </summary>
    public static DateTime DigestSendAt(DateTime periodStart, TimeSpan period) =>
        periodStart + period + TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, period.Ticks / 10));
}
