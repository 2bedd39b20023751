using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Labels;

/// <summary>A workspace's label. <see cref="Version"/> is the ETag.</summary>
public sealed record LabelResponse(Guid Id, Guid WorkspaceId, [property: MaxLength(LabelRules.NameMax)] string Name, [property: RegularExpression(LabelRules.ColorPattern)] [property: MaxLength(LabelRules.ColorLength)] string Color, int Version, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt)
{
    public string ETag() => $"\"{Version}\"";
}

public static partial class LabelRules
{
    public const int NameMax = 50;

    /// <summary>A colour "#rrggbb".</summary>
    public const string ColorPattern = "^#[0-9a-fA-F]{6}$";

    public const int ColorLength = 7;

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
