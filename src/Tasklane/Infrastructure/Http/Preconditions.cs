using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Infrastructure.Http;

/// <summary>Optimistic concurrency: <c>If-Match</c> carries an ETag <c>"{version}"</c> this API returned.</summary>
public static class Preconditions
{
    /// <summary>
    /// The version the client expects, or null when it sent no <c>If-Match</c> (or <c>*</c>: any version).
    /// False when the header is not one of our ETags: answer 400 naming "If-Match" (see <see cref="IfMatch"/>).
    /// </summary>
    public static bool TryExpectedVersion(HttpRequest request, out int? version)
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

    /// <summary>The expected version of a request whose <c>If-Match</c> was already validated in <c>Validate</c>.</summary>
    public static int? ExpectedVersion(HttpRequest request) => TryExpectedVersion(request, out var version) ? version : null;

    public static FieldErrors IfMatch(this FieldErrors errors, HttpRequest request) =>
        TryExpectedVersion(request, out _) ? errors : errors.Add("If-Match", "Must be an ETag returned by this API, e.g. \"3\".");

    /// <summary>412: the resource moved on since the version the client based its change on.</summary>
    public static ProblemDetails Stale(string what, int expected, int current) => new()
    {
        Status = StatusCodes.Status412PreconditionFailed,
        Title = "Precondition failed",
        Detail = $"{what} has changed since version {expected}; it is now at version {current}. Fetch it and retry.",
    };
}
