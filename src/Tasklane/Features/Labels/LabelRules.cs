using System.Text.RegularExpressions;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Labels;

public static partial class LabelRules
{
    public const int NameMax = 50;

    /// <summary>A colour "#rrggbb".</summary>
    public const string ColorPattern = "^#[0-9a-fA-F]{6}$";

    public const int ColorLength = 7;

    private static readonly string LockSql = Sql.Load(typeof(LabelRules), "LockLabel.sql");

    /// <summary>The label, locked for update until the transaction ends; null once deleted.</summary>
    public static Task<LabelResponse?> LockAsync(OutboxTransaction tx, Guid labelId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<LabelResponse>(LockSql, new { labelId }, ct);

    /// <summary>Name (required when <paramref name="required"/>, else only when sent) and colour "#rrggbb".</summary>
    public static FieldErrors Check(this FieldErrors errors, string? name, string? color, bool required)
    {
        if (required || name is not null)
        {
            errors.Required("name", name, NameMax);
        }

        if (required || color is not null)
        {
            errors.Check("color", color is not null && Color().IsMatch(color), "Must be a colour like \"#1a2b3c\".");
        }

        return errors;
    }

    /// <summary>Colours are stored lower-case, so "#ABCDEF" and "#abcdef" are the same.</summary>
    public static string NormalizeColor(string color) => color.ToLowerInvariant();

    [GeneratedRegex(ColorPattern)]
    private static partial Regex Color();
}
