using System.Diagnostics;
using NUnit.Framework;

namespace Tasklane.Tests.Architecture;

/// <summary>
/// templates/tasklane-slice through the real `dotnet new`, installed into a throw-away DOTNET_CLI_HOME. The quick
/// test checks what is generated and where; the explicit one runs scripts/try-template.sh (build, generated tests
/// pass, fail-then-pass workflow: several minutes, so not on every run).
/// </summary>
public class SliceTemplateTests
{
    private static string Root
    {
        get
        {
            var dir = TestContext.CurrentContext.TestDirectory;
            while (!File.Exists(Path.Combine(dir, "app.sln")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("app.sln not found");
            }

            return dir;
        }
    }

    [Test]
    public async Task Generates_endpoint_sql_and_tests_in_the_slice_folder_with_every_placeholder_replaced()
    {
        var work = Directory.CreateTempSubdirectory("tasklane-template-").FullName;
        try
        {
            var home = Path.Combine(work, "cli-home");
            var repo = Path.Combine(work, "repo");
            Directory.CreateDirectory(repo);
            await DotnetAsync(work, home, "new", "install", Path.Combine(Root, "templates", "tasklane-slice"));
            await DotnetAsync(repo, home, "new", "tasklane-slice", "-n", "ArchiveTask", "--area", "Tasks");

            var folder = Path.Combine(repo, "src", "Tasklane", "Features", "Tasks", "ArchiveTask");
            var files = Directory
                .EnumerateFiles(repo, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f))
                .Order()
                .ToList();
            var endpoint = File.ReadAllText(Path.Combine(folder, "ArchiveTaskEndpoint.cs"));
            var tests = File.ReadAllText(Path.Combine(folder, "ArchiveTaskTests.cs"));
            var all = string.Concat(Directory.EnumerateFiles(folder).Select(File.ReadAllText));
            Assert.Multiple(() =>
            {
                Assert.That(files, Is.EqualTo(new[] { "ArchiveTask.sql", "ArchiveTaskEndpoint.cs", "ArchiveTaskTests.cs" }));
                Assert.That(endpoint, Does.Contain("namespace Tasklane.Features.Tasks.ArchiveTask;"));
                Assert.That(endpoint, Does.Contain("[WolverineGet(\"/tasks/archive-task\")]"));
                Assert.That(endpoint, Does.Contain("Sql.Load(typeof(ArchiveTaskEndpoint), \"ArchiveTask.sql\")"));
                Assert.That(
                    tests,
                    Does.Contain("namespace Tasklane.Features.Tasks.ArchiveTask;").And.Contain("GetAsync(\"tasks/archive-task\")")
                );
                Assert.That(
                    all,
                    Does.Not.Contain("SliceName").And.Not.Contain("AreaName").And.Not.Contain("area-route").And.Not.Contain("slice-route")
                );
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    [Explicit("Slow (builds a copy of the repository and runs its tests three times, minutes): run before changing the template.")]
    public async Task The_generated_slice_builds_is_routed_and_passes_then_fails_then_passes()
    {
        using var script = Process.Start(
            new ProcessStartInfo(Path.Combine(Root, "scripts", "try-template.sh"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();

        Assert.That(script.ExitCode, Is.Zero, await output + await error);
    }

    private static async Task DotnetAsync(string directory, string cliHome, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A private template list: installing here must not touch the developer's own dotnet new setup.
        start.Environment["DOTNET_CLI_HOME"] = cliHome;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', args)}: {await output}{await error}");
    }
}
