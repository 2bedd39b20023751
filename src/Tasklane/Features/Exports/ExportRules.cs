namespace Tasklane.Features.Exports;

public static class ExportRules
{
    public static readonly string[] Formats = ["json", "csv"];

    /// <summary>The statuses the export tables' check constraint allows (migration 0011).</summary>
    public static readonly string[] Statuses = ["queued", "running", "succeeded", "failed", "expired"];

    /// <summary>Why a failed export failed: the only error the worker records.</summary>
    public const string WriteFailed =
        "The export could not be written (the database or the object store was unavailable). Start a new export.";

    internal static readonly string[] Errors = [WriteFailed];

    /// <summary>The longest slug of the project name in <see cref="FileName"/>.</summary>
    private const int SlugMax = 60;

    /// <summary>"tasklane-" (9), the slug, "-yyyyMMdd-HHmmss" (16), "." and the longest format (4).</summary>
    public const int FileNameMax = 9 + SlugMax + 16 + 1 + 4;

    public static string ObjectKey(Guid workspaceId, Guid exportId, string format) =>
        $"workspaces/{workspaceId}/exports/{exportId}.{format}";

    public static string ContentType(string format) => format == "csv" ? "text/csv; charset=utf-8" : "application/json";

    /// <summary>"tasklane-website-relaunch-20261124.json": ASCII only, so every store and browser handles the name.</summary>
    public static string FileName(string projectName, DateTime createdAt, string format)
    {
        var slug = new System.Text.StringBuilder();
        foreach (var c in projectName.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= SlugMax)
            {
                break;
            }
        }

        var name = slug.ToString().Trim('-');
        return $"tasklane-{(name.Length > 0 ? name : "project")}-{createdAt:yyyyMMdd-HHmmss}.{format}";
    }
}
