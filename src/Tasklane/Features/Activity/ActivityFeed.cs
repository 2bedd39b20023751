using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Activity;

/// <summary>
/// The one query behind every activity feed, so that what an entry may show (see ActivityFeed.sql) is decided in
/// one place: a feed only says which entries are its own.
/// </summary>
public static class ActivityFeed
{
    private static readonly string Page = Sql.Load(typeof(ActivityFeed), "ActivityFeed.sql");

    /// <summary>
    /// The page query for the entries selected by <paramref name="scopeFile"/>, a predicate on <c>a</c> (the activity row) beside
    /// <paramref name="slice"/>.
    /// </summary>
    public static string Query(Type slice, string scopeFile) => Page.Replace("{scope}", Sql.Load(slice, scopeFile).Trim());
}
