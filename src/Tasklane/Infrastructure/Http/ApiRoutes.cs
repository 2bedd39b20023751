namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Where the API lives. Route attributes are relative to <see cref="Prefix"/>; a link to a resource (a <c>Location</c>
/// header, a URL in an export) is built with <see cref="Path"/>, so the version is written once.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api/v1";

    /// <summary>The absolute path of a route: <c>Path($"tasks/{id}")</c> is <c>/api/v1/tasks/{id}</c>.</summary>
    public static string Path(string route) => $"/{Prefix}/{route.TrimStart('/')}";
}
