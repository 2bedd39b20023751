using System.Security.Cryptography;
using NUnit.Framework;
using Tasklane.Client.Models;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Cli;

/// <summary>The generated typed client (src/Tasklane.Client): current with the API document, and working against the real API.</summary>
public class ClientTests
{
    [Test]
    public void Is_generated_from_the_checked_in_OpenAPI_document()
    {
        var root = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(root, "app.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("app.sln not found");
        }

        var document = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, "docs", "openapi.json"))));
        var generatedFrom = File.ReadAllText(Path.Combine(root, "src", "Tasklane.Client", "Generated", "openapi.sha256")).Trim();

        Assert.That(
            generatedFrom,
            Is.EqualTo(document),
            "docs/openapi.json changed: run scripts/client.sh and commit src/Tasklane.Client/Generated."
        );
    }

    [Test]
    public async Task Round_trips_typed_models_and_raises_problem_details()
    {
        var user = await ApiClient.SignUpAsync();
        var api = CliRunner.TypedClient(user);

        var me = await api.Api.V1.Me.GetAsync();
        var workspace = await api.Api.V1.Workspaces.PostAsync(new CreateWorkspaceRequest { Name = "Typed" });
        var project = await api
            .Api.V1.Workspaces[workspace!.Id!.Value]
            .Projects.PostAsync(new CreateProjectRequest { Name = "Typed project" });
        var task = await api
            .Api.V1.Projects[project!.Id!.Value]
            .Tasks.PostAsync(
                new CreateTaskRequest
                {
                    Title = "Typed task",
                    Priority = TaskPriority.Urgent,
                    DueAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
                }
            );
        var problem = Assert.ThrowsAsync<ProblemDetails>(() =>
            api.Api.V1.Projects[project.Id!.Value].Tasks.PostAsync(new CreateTaskRequest { Title = "" })
        );

        Assert.Multiple(() =>
        {
            Assert.That(me!.Id, Is.EqualTo(user.UserId));
            Assert.That(workspace.Role, Is.EqualTo(WorkspaceRole.Owner));
            Assert.That(task!.Title, Is.EqualTo("Typed task"));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Urgent));
            Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(task.ProjectId, Is.EqualTo(project.Id));
            Assert.That(problem!.ResponseStatusCode, Is.EqualTo(400));
            Assert.That(problem.AdditionalData, Does.ContainKey("errors"));
        });
    }
}
