namespace Tasklane.Features.Exports;

public static class ExportRules
{
    public static readonly string[] Formats = ["json", "csv"];

    public static string ObjectKey(Guid workspaceId, Guid exportId, string format) => $"workspaces/{workspaceId}/exports/{exportId}.{format}";

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

            if (slug.Length >= 60)
            {
                break;
            }
        }

        var name = slug.ToString().Trim('-');
        return $"tasklane-{(name.Length > 0 ? name : "project")}-{createdAt:yyyyMMdd-HHmmss}.{format}";
    }
}
