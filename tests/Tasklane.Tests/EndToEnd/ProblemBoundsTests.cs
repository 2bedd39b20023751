using System.Net;
using Microsoft.AspNetCore.Mvc;
using NUnit.Framework;
using Tasklane.Infrastructure.Http;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The maxLength the document states for a problem's texts holds: they are cut where every problem passes.</summary>
public class ProblemBoundsTests
{
    [Test]
    public void Texts_longer_than_the_bounds_are_cut_to_them()
    {
        var problem = new ProblemDetails
        {
            Type = new string('t', ErrorHandling.ProblemTextMax + 1),
            Title = new string('a', ErrorHandling.ProblemTextMax + 1),
            Detail = new string('d', ErrorHandling.ProblemTextMax + 1),
            Instance = new string('i', ErrorHandling.ProblemInstanceMax + 1),
        };

        ErrorHandling.Bound(problem);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Type, Has.Length.EqualTo(ErrorHandling.ProblemTextMax));
            Assert.That(problem.Title, Has.Length.EqualTo(ErrorHandling.ProblemTextMax));
            Assert.That(problem.Detail, Has.Length.EqualTo(ErrorHandling.ProblemTextMax));
            Assert.That(problem.Instance, Has.Length.EqualTo(ErrorHandling.ProblemInstanceMax));
        });
    }

    [Test]
    public async Task An_endpoints_own_validation_problem_passes_where_the_bounds_are_applied()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var problem = await (await client.Http.GetAsync($"projects/{projectId}/tasks?limit=0")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "limit"
        );

        // The instance is set by the same customization that applies the bounds.
        Assert.That(problem.GetProperty("instance").GetString(), Is.EqualTo($"/api/v1/projects/{projectId}/tasks"));
    }
}
