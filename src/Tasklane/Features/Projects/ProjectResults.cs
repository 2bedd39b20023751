using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Features.Projects;

public static class ProjectResults
{
    /// <summary>200 with the project and its ETag, or the problem.</summary>
    public static IResult From(ProblemDetails? problem, ProjectResponse? project, HttpResponse response)
    {
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        response.Headers.ETag = project!.ETag();
        return Results.Ok(project);
    }
}
