namespace Tasklane.Infrastructure.Database;

/// <summary>
/// The one way to read the clock for a time that is stored or answered: the application's <see cref="TimeProvider"/>
/// (never the database's <c>now()</c>, never <c>DateTime.UtcNow</c>), cut to the microseconds Postgres keeps, so a
/// write's response carries exactly what a later read returns. An architecture test keeps other readings out.
/// </summary>
public static class DbTime
{
    /// <summary>Now, at the microsecond precision Postgres stores, so a response equals what later reads return.</summary>
    public static DateTime DbNow(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime.AtDbPrecision();

    /// <summary>A time from a request, cut as Postgres stores it, so the response repeats what is stored.</summary>
    public static DateTime AtDbPrecision(this DateTime time) => time.AddTicks(-(time.Ticks % 10));
}
