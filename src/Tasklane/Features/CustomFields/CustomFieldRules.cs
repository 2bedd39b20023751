using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.CustomFields;

/// <summary>The limits of custom field definitions, and the one way their writers lock and check them.</summary>
public static class CustomFieldRules
{
    public const int NameMax = 50;
    public const int MaxPerWorkspace = 50;
    public const int OptionsMax = 50;

    private static readonly string Columns = Sql.Load(typeof(CustomFieldRules), "CustomFieldColumns.sql").Trim();
    private static readonly string LockSql = WithColumns(Sql.Load(typeof(CustomFieldRules), "LockCustomField.sql"));

    /// <summary><paramref name="sql"/> with <c>{columns}</c> as the select list of a whole field (CustomFieldColumns.sql).</summary>
    public static string WithColumns(string sql) => sql.Replace("{columns}", Columns, StringComparison.Ordinal);

    /// <summary>The workspace's field, locked for update until the transaction ends; null when there is none.</summary>
    public static Task<CustomFieldResponse?> LockAsync(OutboxTransaction tx, Guid workspaceId, Guid fieldId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<CustomFieldResponse>(LockSql, new { workspaceId, fieldId }, ct);

    /// <summary>The name (required when <paramref name="required"/>, else only when sent) and the option names, each 1–50 characters and distinct ignoring case.</summary>
    public static FieldErrors CheckField(this FieldErrors errors, string? name, IReadOnlyList<OptionRequest>? options, bool required)
    {
        if (required || name is not null)
        {
            errors.Required("name", name, NameMax);
        }

        if (options is null)
        {
            return errors;
        }

        errors.Check("options", options.Count <= OptionsMax, $"At most {OptionsMax}.");
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] is null)
            {
                errors.Add($"options[{i}]", "Must be an object with a name.");
                continue;
            }

            errors.Required($"options[{i}].name", options[i].Name, NameMax);
        }

        var names = options.Where(o => o?.Name is not null).Select(o => o.Name!.Trim()).ToList();
        return errors.Check(
            "options",
            names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count,
            "Option names must differ (ignoring case)."
        );
    }

    /// <summary>
    /// The options a request leaves the field with: each one sent with the id of a current option keeps that id (a rename),
    /// each other one gets a new id. Null when a sent id is not one of <paramref name="current"/>'s.
    /// </summary>
    public static CustomFieldOption[]? Options(IReadOnlyList<OptionRequest> sent, IReadOnlyList<CustomFieldOption> current)
    {
        var known = current.Select(o => o.Id).ToHashSet();
        if (
            sent.Any(o => o.Id is { } id && !known.Contains(id))
            || sent.Where(o => o.Id is not null).DistinctBy(o => o.Id).Count() != sent.Count(o => o.Id is not null)
        )
        {
            return null;
        }

        return [.. sent.Select(o => new CustomFieldOption(o.Id ?? Guid.CreateVersion7(), o.Name!.Trim()))];
    }
}

/// <summary>An option as a request names it: <c>id</c> to keep (and maybe rename) an existing one, none for a new one.</summary>
public sealed record OptionRequest(
    Guid? Id,
    [property: System.ComponentModel.DataAnnotations.MaxLength(CustomFieldRules.NameMax)] string? Name
);
