namespace Tasklane.Infrastructure.Database;

public static class DbTime
{
    /// <summary>Now, at the microsecond precision Postgres stores, so a response equals what later reads return.</summary>
    public static DateTime DbNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }
}
