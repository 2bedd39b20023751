using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Optimistic concurrency, the one way every versioned write does it: <c>If-Match</c> (optional) carries an ETag
/// <c>"{version}"</c> this API returned. <c>Validate</c> refuses a malformed one with 400 (<see cref="IfMatch"/>); once the
/// row is locked, <see cref="Stale"/> refuses a version the row has moved on from with 412.
/// </summary>
public static class Preconditions
{
    public static FieldErrors IfMatch(this FieldErrors errors, HttpRequest request) =>
        TryExpectedVersion(request, out _) ? errors : errors.Add("If-Match", "Must be an ETag returned by this API, e.g. \"3\".");

    /// <summary>
    /// Call with the locked row's version: null when the write may go on (no <c>If-Match</c>, <c>*</c>, or the current
    /// version), else the 412 to answer, with the row's current ETag on the response so the client can fetch and retry.
    /// </summary>
    public static ProblemDetails? Stale(HttpRequest request, string what, int currentVersion)
    {
        if (!TryExpectedVersion(request, out var expected) || expected is not { } version || version == currentVersion)
        {
            return null;
        }

        request.HttpContext.Response.Headers.ETag = $"\"{currentVersion}\"";
        return new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "Precondition failed",
            Detail = $"{what} has changed since version {version}; it is now at version {currentVersion}. Fetch it and retry.",
        };
    }

    /// <summary>
    /// The version the client expects, or null when it sent no <c>If-Match</c> (or <c>*</c>: any version); false when malformed.
    /// </summary>
    private static bool TryExpectedVersion(HttpRequest request, out int? version)
    {
        version = null;
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value is "" or "*")
        {
            return true;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
