using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Infrastructure.Http;

/// <summary>RFC 9457 bodies for the answers slices give; each a ProblemDetails so Wolverine ends the request with it.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string what) =>
        new()
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found",
            Detail = $"{what} does not exist or is not visible to you.",
        };

    public static ProblemDetails Conflict(string detail) =>
        new()
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = detail,
        };

    public static ProblemDetails Forbidden(string detail) =>
        new()
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = detail,
        };
}
