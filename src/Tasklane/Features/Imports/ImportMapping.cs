using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Imports;

/// <summary>
/// How the file's values become Tasklane's. Every part is optional; names are matched without regard to case.
/// <list type="bullet">
/// <item><c>columns</c>: field → the CSV column holding it (fields: <see cref="ImportFields.All"/>); the defaults are the
/// field's own name for csv (Tasklane's CSV export reads back as it is) and Jira's column names for jira.</item>
/// <item><c>statuses</c>: the file's status → todo, in_progress or done (common names such as "Open" or "Closed" are known).</item>
/// <item><c>priorities</c>: the file's priority → low, normal, high or urgent.</item>
/// <item><c>users</c>: the file's person (a name or an address) → the email of a member of the workspace.</item>
/// </list>
/// </summary>
public sealed record ImportMapping(
    [property: ValueMaxLength(ImportRules.MappingTextMax)] IReadOnlyDictionary<string, string>? Columns = null,
    [property: ValueMaxLength(ImportRules.MappingTextMax)] IReadOnlyDictionary<string, string>? Statuses = null,
    [property: ValueMaxLength(ImportRules.MappingTextMax)] IReadOnlyDictionary<string, string>? Priorities = null,
    [property: ValueMaxLength(ImportRules.MappingTextMax)] IReadOnlyDictionary<string, string>? Users = null
);
