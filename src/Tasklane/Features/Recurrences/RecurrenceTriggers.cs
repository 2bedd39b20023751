namespace Tasklane.Features.Recurrences;

/// <summary>What made a series go on to its next occurrence (<see cref="TaskRecurred.Trigger"/>).</summary>
public static class RecurrenceTriggers
{
    /// <summary>The current task was completed (moved to done).</summary>
    public const string Completed = "completed";

    /// <summary>The next occurrence's date came while the current task was still open.</summary>
    public const string Scheduled = "scheduled";
}
