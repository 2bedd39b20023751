using Tasklane.Infrastructure;

namespace Tasklane.Features.Recurrences;

public static class RecurrenceRules
{
    /// <summary>every_n_days: at most a year (and a leap day) between two occurrences.</summary>
    public const int IntervalMax = 366;

    /// <summary>The longest IANA id is 32 characters ("America/Argentina/ComodRivadavia"); twice that is room enough.</summary>
    public const int TimeZoneMax = 64;

    /// <summary>"HH:mm".</summary>
    public const int TimeLength = 5;

    public const string TimeFormat = "HH:mm";

    /// <summary>The days a weekly rule may name, as the API spells them ("monday" … "sunday").</summary>
    public static readonly IReadOnlyList<string> WeekdayNames = TextEnum.Names<Weekday>();
}
