using System.Net;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Cli;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Cli;

/// <summary>
/// <c>tasklane watch</c> against host A: started, fed changes through the API, read while it runs, then stopped as Ctrl-C stops it.
/// </summary>
public class CliWatchTests
{
    [Test]
    public async Task Json_mode_prints_each_change_of_the_project_as_it_happens_and_nothing_else()
    {
        var (user, cli) = await SignedInAsync();
        using var _ = cli;
        var workspaceId = await user.CreateWorkspaceAsync();
        var projectId = await user.CreateProjectAsync(workspaceId, "Watched");
        var otherProjectId = await user.CreateProjectAsync(workspaceId, "Elsewhere");
        await using var watch = await Watching.StartAsync(
            cli,
            "watch",
            "--workspace",
            workspaceId.ToString(),
            "--project",
            projectId.ToString(),
            "--json"
        );

        // The other project's change comes first, so the stream has passed it by the time the last awaited line arrives.
        await user.CreateTaskAsync(otherProjectId, new { title = "Not watched" });
        var taskId = (await user.CreateTaskAsync(projectId, new { title = "Watched task" })).GetProperty("id").GetGuid();
        await user.PostAsync($"tasks/{taskId}/move", new { status = "in_progress" }, HttpStatusCode.OK);
        await user.PostAsync($"tasks/{taskId}/comments", new { body = "Seen live" });

        var lines = await watch.OutputUntilAsync(lines => lines.Count >= 3);
        var exit = await watch.StopAsync();

        var changes = watch.OutputLines().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), "Ctrl-C ends a watch normally");
            Assert.That(
                changes.Select(c => c.GetProperty("type").GetString()),
                Is.EqualTo(new[] { "task.created", "task.moved", "comment.added" })
            );
            Assert.That(changes.Select(c => c.GetProperty("data").GetProperty("taskId").GetGuid()), Is.All.EqualTo(taskId));
            Assert.That(changes.Select(c => c.GetProperty("workspaceId").GetGuid()), Is.All.EqualTo(workspaceId));
            Assert.That(changes.Select(c => c.GetProperty("actorId").GetGuid()), Is.All.EqualTo(user.UserId));
            Assert.That(changes.Select(c => c.GetProperty("id").GetString()), Is.All.Not.Empty, "the cursor is kept");
            Assert.That(changes[1].GetProperty("data").GetProperty("toStatus").GetString(), Is.EqualTo("in_progress"));
            Assert.That(changes[2].GetProperty("data").GetProperty("body").GetString(), Is.EqualTo("Seen live"));
            Assert.That(lines, Has.All.StartWith("{"), "stdout is JSON lines only");
        });
    }

    [Test]
    public async Task Human_mode_prints_one_line_per_change_in_the_only_workspace()
    {
        var (user, cli) = await SignedInAsync();
        using var _ = cli;
        var (workspaceId, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        await using var watch = await Watching.StartAsync(cli, "watch");

        var taskId = (await user.CreateTaskAsync(projectId, new { title = "Write the watch docs" })).GetProperty("id").GetGuid();
        await user.PatchAsync($"tasks/{taskId}", new { title = "Write the watch guide", priority = "high" });
        await user.PostAsync($"tasks/{taskId}/move", new { status = "in_progress" }, HttpStatusCode.OK);
        await user.PostAsync(
            $"tasks/{taskId}/comments",
            new { body = "First part drafted;\nthe reconnect section still needs an example of the cursor" }
        );

        var lines = await watch.OutputUntilAsync(lines => lines.Count >= 4);
        var exit = await watch.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(watch.Error, Does.Contain($"Watching workspace {workspaceId}"), "the default is the user's only workspace");
            Assert.That(lines, Has.Count.EqualTo(4));
            Assert.That(lines, Has.All.Contain($"  {taskId}  "));
            Assert.That(lines, Has.All.EndWith($"  by {user.UserId}"));
            Assert.That(lines[0], Does.Match(@"^\d\d:\d\d:\d\d  task\.created  ").And.Contain("Write the watch docs"));
            Assert.That(lines[1], Does.Contain("task.updated").And.Contain("title").And.Contain("priority"));
            Assert.That(lines[2], Does.Contain("task.moved").And.Contain("todo → in_progress"));
            Assert.That(
                lines[3],
                Does.Contain("comment.added").And.Contain("First part drafted; the reconnect section still needs an exa…")
            );
        });
    }

    [Test]
    public async Task A_refused_stream_or_an_unclear_workspace_exits_like_other_commands()
    {
        var (user, cli) = await SignedInAsync();
        using var _ = cli;
        var noWorkspace = await cli.RunAsync("watch");
        await user.CreateWorkspaceAsync();
        await user.CreateWorkspaceAsync();
        var twoWorkspaces = await cli.RunAsync("watch");
        var notMember = await cli.RunAsync("watch", "--workspace", Guid.NewGuid().ToString(), "--json");
        cli["TASKLANE_TOKEN"] = "tl_pat_not-a-real-token";
        var rejected = await cli.RunAsync("watch", "--workspace", Guid.NewGuid().ToString());

        Assert.Multiple(() =>
        {
            Assert.That(noWorkspace.ExitCode, Is.EqualTo(ExitCodes.Usage), noWorkspace.Error);
            Assert.That(twoWorkspaces.ExitCode, Is.EqualTo(ExitCodes.Usage), twoWorkspaces.Error);
            Assert.That(twoWorkspaces.Error, Does.Contain("--workspace"));
            Assert.That(notMember.ExitCode, Is.EqualTo(ExitCodes.ApiError), notMember.Error);
            Assert.That(notMember.Error, Does.StartWith("error: ").And.Contain("not found"));
            Assert.That(notMember.Output, Is.Empty);
            Assert.That(rejected.ExitCode, Is.EqualTo(ExitCodes.NotLoggedIn), rejected.Error);
            Assert.That(rejected.Error, Does.Contain("tasklane login"));
        });
    }

    private static async Task<(ApiClient User, CliRunner Cli)> SignedInAsync()
    {
        var user = await ApiClient.SignUpAsync();
        var cli = new CliRunner();
        await cli.LoginAsync(user);
        return (user, cli);
    }

    /// <summary>A <c>tasklane watch</c> running in the background with captured output; disposing it stops it like Ctrl-C.</summary>
    private sealed class Watching : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
        private readonly CancellationTokenSource _ctrlC = new();
        private readonly Capture _output = new();
        private readonly Capture _error = new();
        private readonly Task<int> _run;

        private Watching(CliRunner cli, string[] args) =>
            _run = Task.Run(() => CliApp.RunAsync(args, new CliEnvironment(_output, _error, name => cli[name]), _ctrlC.Token));

        public string Error => _error.Text;

        /// <summary>Starts the command and waits until it is live: changes made from then on are printed.</summary>
        public static async Task<Watching> StartAsync(CliRunner cli, params string[] args)
        {
            var watch = new Watching(cli, args);
            await watch.UntilAsync(() => watch.Error.Contains("Watching workspace"), "the stream to be live");
            return watch;
        }

        public async Task<List<string>> OutputUntilAsync(Func<List<string>, bool> done)
        {
            await UntilAsync(() => done(OutputLines()), "the expected lines");
            return OutputLines();
        }

        public List<string> OutputLines() => _output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

        public async Task<int> StopAsync()
        {
            await _ctrlC.CancelAsync();
            return await _run.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_run.IsCompleted)
            {
                await StopAsync();
            }

            _ctrlC.Dispose();
        }

        private async Task UntilAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!condition())
            {
                if (_run.IsCompleted || DateTime.UtcNow > deadline)
                {
                    Assert.Fail(
                        $"Waited for {what}; exited: {(_run.IsCompleted ? _run.Result.ToString() : "no")}\nstdout: {_output.Text}\nstderr: {Error}"
                    );
                }

                await Task.Delay(25);
            }
        }
    }

    /// <summary>A writer the test can read while the command writes to it from another thread.</summary>
    private sealed class Capture : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_text)
            {
                _text.Append(value).Append(CoreNewLine);
            }
        }
    }
}
