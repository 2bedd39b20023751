using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Features.Labels;

/// <summary>If-Match on label writes: a stale version is 412 rather than a lost update.</summary>
public static class LabelPreconditions
{
    /// <summary>The version named by If-Match: null when absent; false in <paramref name="valid"/> when malformed.</summary>
    public static int? ExpectedVersion(HttpRequest request, out bool valid)
    {
        valid = true;
        if (request.Headers.IfMatch.Count == 0)
        {
            return null;
        }

        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var version))
        {
            return version;
        }

        valid = false;
        return null;
    }

    public static ProblemDetails Stale(int expected, int current) => new()
    {
        Status = StatusCodes.Status412PreconditionFailed,
        Title = "Precondition failed",
        Detail = $"The label has changed since version {expected}; it is now at version {current}. Fetch it and retry.",
    };
}
