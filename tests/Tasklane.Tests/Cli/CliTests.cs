using System.Text.Json;
using NUnit.Framework;
using Tasklane.Cli;
using Tasklane.Client.Models;
using Tasklane.Features.Attachments;
using Tasklane.Features.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Cli;

/// <summary>The tasklane CLI against the real API host: each test is one user with their own config directory.</summary>
public class CliTests
{
    [Test]
    public async Task Login_stores_a_personal_token_readable_only_by_the_user_and_lists_workspaces_and_projects()
    {
        var user = await ApiClient.SignUpAsync();
        var api = CliRunner.TypedClient(user);
        var workspace = await api.Api.V1.Workspaces.PostAsync(new CreateWorkspaceRequest { Name = "Cli workspace" });
        var project = await api
            .Api.V1.Workspaces[workspace!.Id!.Value]
            .Projects.PostAsync(new CreateProjectRequest { Name = "Cli project" });
        using var cli = new CliRunner();

        await cli.LoginAsync(user);

        var config = JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile)).RootElement;
        var table = (await cli.RunAsync("workspaces")).Ok();
        var listed = (await cli.RunAsync("workspaces", "--json")).Ok().Json();
        var projects = (await cli.RunAsync("projects", "--workspace", workspace.Id.ToString()!, "--json")).Ok().Json();
        var projectTable = (await cli.RunAsync("projects")).Ok();
        var tokens = await api.Api.V1.Me.Tokens.GetAsync();
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(cli.ConfigFile);
        Assert.Multiple(() =>
        {
            Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(
                config.GetProperty("token").GetString(),
                Does.StartWith(Tasklane.Infrastructure.Auth.SessionStore.ApiTokenPrefix),
                "a personal API token"
            );
            Assert.That(File.ReadAllText(cli.ConfigFile), Does.Not.Contain("correct horse"), "never the password");
            Assert.That(config.GetProperty("server").GetString(), Is.EqualTo(TestEnvironment.Hosts.BaseAddress.ToString().TrimEnd('/')));
            Assert.That(
                tokens!.Items!.Select(t => t.Id),
                Does.Contain(config.GetProperty("tokenId").GetGuid()),
                "the token exists on the server"
            );
            Assert.That(table.Output, Does.Contain("Cli workspace").And.Contain("owner"));
            Assert.That(listed.EnumerateArray().Select(w => w.GetProperty("id").GetGuid()), Is.EqualTo(new[] { workspace.Id!.Value }));
            Assert.That(projects.EnumerateArray().Single().GetProperty("name").GetString(), Is.EqualTo("Cli project"));
            Assert.That(projects.EnumerateArray().Single().GetProperty("id").GetGuid(), Is.EqualTo(project!.Id));
            Assert.That(projectTable.Output, Does.Contain("Cli project"));
        });
    }

    [Test]
    public async Task Lists_custom_fields_sets_values_and_filters_and_sorts_by_them()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var workspaceId = (await api.Api.V1.Projects[projectId].GetAsync())!.WorkspaceId!.Value;
        var points = await api
            .Api.V1.Workspaces[workspaceId]
            .CustomFields.PostAsync(new CreateCustomFieldRequest { Name = "Points", Type = CustomFieldType.Number });
        var stage = await api
            .Api.V1.Workspaces[workspaceId]
            .CustomFields.PostAsync(
                new CreateCustomFieldRequest
                {
                    Name = "Stage",
                    Type = CustomFieldType.Multi_select,
                    Options = [new OptionRequest { Name = "Design" }, new OptionRequest { Name = "Build" }],
                }
            );
        var build = stage!.Options!.Single(o => o.Name == "Build").Id!.Value;
        var big = (await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "Big", "--json")).Ok().Json();
        var small = (await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "Small", "--json")).Ok().Json();
        await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "Unsized");

        var fields = (await cli.RunAsync("fields", "-w", workspaceId.ToString())).Ok();
        var edited = (
            await cli.RunAsync(
                "tasks",
                "edit",
                big.GetProperty("id").GetString()!,
                "--field",
                $"{points!.Id}=8",
                "--field",
                $"{stage.Id}=[\"{build}\"]",
                "--json"
            )
        )
            .Ok()
            .Json();
        (await cli.RunAsync("tasks", "edit", small.GetProperty("id").GetString()!, "--field", $"{points.Id}=2")).Ok();
        var built = (await cli.RunAsync("tasks", "list", "-p", projectId.ToString(), "--field", $"{stage.Id}={build}", "--json"))
            .Ok()
            .Json();
        var sorted = (
            await cli.RunAsync(
                "tasks",
                "list",
                "-p",
                projectId.ToString(),
                "--sort",
                "customField",
                "--sort-field",
                points.Id.ToString()!,
                "--json"
            )
        )
            .Ok()
            .Json();
        var wrong = await cli.RunAsync("tasks", "edit", small.GetProperty("id").GetString()!, "--field", $"{points.Id}=lots");

        Assert.Multiple(() =>
        {
            Assert.That(fields.Output, Does.Contain("Points").And.Contain("multi_select").And.Contain($"Build ({build})"));
            Assert.That(edited.GetProperty("customFields").GetProperty(points.Id.ToString()!).GetDecimal(), Is.EqualTo(8m));
            Assert.That(built.EnumerateArray().Select(t => t.GetProperty("title").GetString()), Is.EqualTo(new[] { "Big" }));
            Assert.That(
                sorted.EnumerateArray().Select(t => t.GetProperty("title").GetString()),
                Is.EqualTo(new[] { "Small", "Big", "Unsized" })
            );
            Assert.That(wrong.ExitCode, Is.EqualTo(1), wrong.Error);
            Assert.That(wrong.Error, Does.Contain("customFields"));
        });
    }

    [Test]
    public async Task Lists_the_projects_statuses_and_moves_a_task_to_one_by_name()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var review = await api
            .Api.V1.Projects[projectId]
            .Statuses.PostAsync(
                new CreateStatusRequest
                {
                    Name = "Code review",
                    Color = "#123456",
                    Category = StatusCategory.In_progress,
                    WipLimit = 1,
                }
            );
        var first = (await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "First", "--json")).Ok().Json();
        var second = (await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "Second", "--json")).Ok().Json();

        var table = (await cli.RunAsync("statuses", "--project", projectId.ToString())).Ok();
        var moved = (await cli.RunAsync("tasks", "move", first.GetProperty("id").GetString()!, "--status", "code REVIEW", "--json"))
            .Ok()
            .Json();
        var full = await cli.RunAsync("tasks", "move", second.GetProperty("id").GetString()!, "--status", "Code review");
        var overridden = await cli.RunAsync(
            "tasks",
            "move",
            second.GetProperty("id").GetString()!,
            "--status",
            "Code review",
            "--override-wip"
        );
        var unknown = await cli.RunAsync("tasks", "move", second.GetProperty("id").GetString()!, "--status", "Nowhere");

        Assert.Multiple(() =>
        {
            Assert.That(table.Output, Does.Contain("To do").And.Contain("Code review").And.Contain("in_progress"));
            Assert.That(moved.GetProperty("statusId").GetGuid(), Is.EqualTo(review!.Id));
            Assert.That(full.ExitCode, Is.EqualTo(1), full.Error);
            Assert.That(full.Error, Does.Contain("WIP limit"));
            Assert.That(overridden.ExitCode, Is.EqualTo(0), overridden.Error);
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Error, Does.Contain("No status named"));
        });
    }

    [Test]
    public async Task Creates_lists_shows_edits_moves_completes_and_comments_on_a_task()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;

        var created = (
            await cli.RunAsync(
                "tasks",
                "create",
                "--project",
                projectId.ToString(),
                "--title",
                "Write the CLI docs",
                "--priority",
                "high",
                "--json"
            )
        )
            .Ok()
            .Json();
        var taskId = created.GetProperty("id").GetString()!;
        var other = (await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "-t", "Second", "--json"))
            .Ok()
            .Json()
            .GetProperty("id")
            .GetString()!;
        var list = (await cli.RunAsync("tasks", "list", "--project", projectId.ToString())).Ok();
        var listJson = (await cli.RunAsync("tasks", "list", "--project", projectId.ToString(), "--json")).Ok().Json();
        var edited = (await cli.RunAsync("tasks", "edit", taskId, "--title", "Write the CLI guide", "--if-version", "1", "--json"))
            .Ok()
            .Json();
        var moved = (await cli.RunAsync("tasks", "move", taskId, "--status", "in_progress", "--json")).Ok().Json();
        (await cli.RunAsync("tasks", "done", other)).Ok();
        var inDone = (await cli.RunAsync("tasks", "list", "-p", projectId.ToString(), "--status", "done", "--json")).Ok().Json();
        var comment = (await cli.RunAsync("comment", taskId, "Drafted the first part", "--json")).Ok().Json();
        var show = (await cli.RunAsync("tasks", "show", taskId)).Ok();

        var stored = await api.Api.V1.Tasks[Guid.Parse(taskId)].GetAsync();
        var comments = await api.Api.V1.Tasks[Guid.Parse(taskId)].Comments.GetAsync();
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(list.Output, Does.Contain("Write the CLI docs").And.Contain("Second"));
            Assert.That(listJson.GetArrayLength(), Is.EqualTo(2));
            Assert.That(edited.GetProperty("title").GetString(), Is.EqualTo("Write the CLI guide"));
            Assert.That(moved.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(inDone.EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { other }));
            Assert.That(stored!.Title, Is.EqualTo("Write the CLI guide"));
            Assert.That(stored.Status, Is.EqualTo(StatusCategory.In_progress));
            Assert.That(comments!.Items!.Select(c => c.Body), Is.EqualTo(new[] { "Drafted the first part" }));
            Assert.That(comment.GetProperty("id").GetGuid(), Is.EqualTo(comments.Items!.Single().Id));
            Assert.That(show.Output, Does.Contain("Write the CLI guide").And.Contain("in_progress").And.Contain("high"));
        });
    }

    [Test]
    public async Task Deletes_a_task_lists_the_trash_and_restores_it()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var task = await api.Api.V1.Projects[projectId].Tasks.PostAsync(new CreateTaskRequest { Title = "Throw me away" });
        var workspaceId = task!.WorkspaceId!.Value.ToString();

        var deleted = (await cli.RunAsync("tasks", "delete", task.Id.ToString()!)).Ok();
        var trash = (await cli.RunAsync("trash", "--workspace", workspaceId, "--json")).Ok().Json();
        var restored = (await cli.RunAsync("tasks", "restore", task.Id.ToString()!, "--json")).Ok().Json();
        var emptied = (await cli.RunAsync("trash", "-w", workspaceId)).Ok();

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Output, Does.Contain("trash"));
            Assert.That(trash.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { task.Id!.Value }));
            Assert.That(restored.GetProperty("title").GetString(), Is.EqualTo("Throw me away"));
            Assert.That(emptied.Output, Does.Not.Contain("Throw me away"));
        });
    }

    [Test]
    public async Task Makes_a_task_recur_shows_it_and_stops_it()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var task = await api.Api.V1.Projects[projectId].Tasks.PostAsync(new CreateTaskRequest { Title = "Weekly review" });
        var id = task!.Id.ToString()!;

        var set = (
            await cli.RunAsync(
                "tasks",
                "recur",
                id,
                "-f",
                "weekly",
                "--days",
                "friday, monday",
                "--at",
                "16:30",
                "--tz",
                "Europe/Berlin",
                "--json"
            )
        )
            .Ok()
            .Json();
        var shown = (await cli.RunAsync("tasks", "recur", id)).Ok();
        var bad = await cli.RunAsync("tasks", "recur", id, "-f", "weekly", "--tz", "Mars/Olympus");
        var stopped = (await cli.RunAsync("tasks", "recur", id, "--off")).Ok();
        var gone = await cli.RunAsync("tasks", "recur", id);

        Assert.Multiple(() =>
        {
            Assert.That(set.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "monday", "friday" }));
            Assert.That(set.GetProperty("time").GetString(), Is.EqualTo("16:30"));
            Assert.That(shown.Output, Does.Contain("weekly").And.Contain("16:30 Europe/Berlin"));
            Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.ApiError));
            Assert.That(bad.Error, Does.Contain("timeZone").Or.Contain("weekdays").Or.Contain("invalid").IgnoreCase);
            Assert.That(stopped.Output, Does.Contain("no longer recurs"));
            Assert.That(gone.ExitCode, Is.EqualTo(ExitCodes.ApiError));
        });
    }

    [Test]
    public async Task Attach_uploads_the_file_byte_for_byte_to_the_object_store()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var task = await api.Api.V1.Projects[projectId].Tasks.PostAsync(new CreateTaskRequest { Title = "Has a file" });
        var bytes = AttachmentTestKit.RandomBytes(300_000);
        var file = Path.Combine(cli.ConfigHome, "notes.zip");
        await File.WriteAllBytesAsync(file, bytes);

        var result = (await cli.RunAsync("attach", task!.Id.ToString()!, file, "--json")).Ok();

        var attachment = result.Json();
        var user = new ApiClient(ApiClient.WithBearer(cli.Token()), Guid.Empty, "", cli.Token());
        using var download = await AttachmentTestKit.DownloadAsync(user, attachment.GetProperty("id").GetGuid());
        Assert.Multiple(async () =>
        {
            Assert.That(attachment.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(attachment.GetProperty("size").GetInt64(), Is.EqualTo(bytes.Length));
            Assert.That(attachment.GetProperty("fileName").GetString(), Is.EqualTo("notes.zip"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
            Assert.That(result.Error, Does.Contain("Uploading notes.zip"), "the progress bar goes to stderr, stdout stays JSON");
        });
    }

    [Test]
    public async Task Search_finds_tasks_in_every_workspace_of_the_user()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var word = "zebra" + Guid.NewGuid().ToString("N")[..8];
        var task = await api.Api.V1.Projects[projectId].Tasks.PostAsync(new CreateTaskRequest { Title = $"Feed the {word}" });

        var hits = await ApiClient.EventuallyAsync(
            async () => (await cli.RunAsync("search", word, "--json")).Ok().Json(),
            json => json.GetArrayLength() > 0
        );
        var table = (await cli.RunAsync("search", word)).Ok();

        Assert.Multiple(() =>
        {
            Assert.That(hits.EnumerateArray().Select(h => h.GetProperty("taskId").GetGuid()), Does.Contain(task!.Id!.Value));
            Assert.That(table.Output, Does.Contain($"Feed the {word}"));
        });
    }

    [Test]
    public async Task Login_to_an_account_with_two_factor_takes_a_code_or_a_recovery_code_and_without_one_says_what_is_missing()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, recoveryCodes) = await TwoFactorTestKit.EnableAsync(user);
        string[] login = ["login", "--email", user.Email, "--password", TwoFactorTestKit.Password];
        using var withApp = new CliRunner();
        using var withRecovery = new CliRunner();
        using var withWrong = new CliRunner();

        var missing = await withApp.RunAsync(login);
        var wrong = await withWrong.RunAsync([.. login, "--code", TwoFactorTestKit.WrongCodeFor(secret)]);
        // Enabling spent the code of this 30-second step; the next step's code is accepted too.
        (await withApp.RunAsync([.. login, "--code", TwoFactorTestKit.CodeFor(secret, steps: 1)])).Ok();
        (await withRecovery.RunAsync([.. login, "--code", recoveryCodes[0]])).Ok();

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(missing.Error, Does.Contain("--code"));
            Assert.That(File.Exists(withApp.ConfigFile), Is.True, "signed in with the app's code");
            Assert.That(wrong.ExitCode, Is.Not.EqualTo(ExitCodes.Ok));
            Assert.That(File.Exists(withWrong.ConfigFile), Is.False, "no token for a wrong code");
        });
        (await withApp.RunAsync("workspaces")).Ok();
        (await withRecovery.RunAsync("workspaces")).Ok();
    }

    [Test]
    public async Task Exit_codes_tell_api_errors_usage_and_missing_login_apart()
    {
        var (cli, _, _) = await SignedInWithProjectAsync();
        using var __ = cli;
        using var stranger = new CliRunner();

        var missing = await cli.RunAsync("tasks", "show", Guid.NewGuid().ToString());
        var invalid = await cli.RunAsync("tasks", "create", "--project", Guid.NewGuid().ToString(), "--title", "x");
        var usage = await cli.RunAsync("tasks", "show", "not-a-uuid");
        var unknown = await cli.RunAsync("frobnicate");
        var notLoggedIn = await stranger.RunAsync("workspaces");
        stranger["TASKLANE_TOKEN"] = "tl_pat_not-a-real-token";
        var rejected = await stranger.RunAsync("workspaces");
        var help = await cli.RunAsync("tasks", "create", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.ApiError));
            Assert.That(missing.Error, Does.Contain("error: ").And.Contain("not found").IgnoreCase, "the ProblemDetails title");
            Assert.That(invalid.ExitCode, Is.EqualTo(ExitCodes.ApiError));
            Assert.That(usage.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(usage.Error, Does.Contain("not-a-uuid"));
            Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(notLoggedIn.ExitCode, Is.EqualTo(ExitCodes.NotLoggedIn));
            Assert.That(notLoggedIn.Error, Does.Contain("tasklane login"));
            Assert.That(rejected.ExitCode, Is.EqualTo(ExitCodes.NotLoggedIn));
            Assert.That(help.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(help.Output, Does.Contain("--title").And.Contain("--project"));
        });
    }

    /// <summary>Statuses and priorities are typed in the client; the CLI takes and shows them as the API spells them.</summary>
    [Test]
    public async Task Statuses_and_priorities_are_the_apis_names_and_others_are_usage_errors()
    {
        var (cli, _, projectId) = await SignedInWithProjectAsync();
        using var __ = cli;

        var created = (
            await cli.RunAsync(
                "tasks",
                "create",
                "-p",
                projectId.ToString(),
                "--title",
                "Typed",
                "--status",
                "in_progress",
                "--priority",
                "urgent"
            )
        ).Ok();
        var listed = (await cli.RunAsync("tasks", "list", "-p", projectId.ToString(), "--status", "todo,in_progress")).Ok();
        var unknownFilter = await cli.RunAsync("tasks", "list", "-p", projectId.ToString(), "--status", "todo,later");
        var unknownStatus = await cli.RunAsync("tasks", "create", "-p", projectId.ToString(), "--title", "x", "--status", "In_progress");

        Assert.Multiple(() =>
        {
            Assert.That(created.Output, Does.Contain("in_progress").And.Contain("urgent"));
            Assert.That(listed.Output, Does.Contain("Typed").And.Contain("in_progress").And.Not.Contain("In_progress"));
            Assert.That(unknownFilter.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(unknownFilter.Error, Does.Contain("'later' is not one of: todo, in_progress, done."));
            Assert.That(unknownStatus.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(unknownStatus.Error, Does.Contain("In_progress"));
        });
    }

    [Test]
    public async Task The_server_comes_from_the_flag_then_TASKLANE_URL_then_the_config_file()
    {
        var (cli, _, _) = await SignedInWithProjectAsync();
        using var _ = cli;
        var real = TestEnvironment.Hosts.BaseAddress.ToString();
        const string dead = "http://127.0.0.1:9";

        cli["TASKLANE_URL"] = null;
        var fromConfig = await cli.RunAsync("workspaces", "--json");
        cli["TASKLANE_URL"] = dead;
        var fromEnv = await cli.RunAsync("workspaces", "--json");
        cli["TASKLANE_TOKEN"] = cli.Token();
        var fromFlag = await cli.RunAsync("workspaces", "--json", "--server", real);

        Assert.Multiple(() =>
        {
            Assert.That(fromConfig.ExitCode, Is.EqualTo(ExitCodes.Ok), fromConfig.Error);
            Assert.That(fromEnv.ExitCode, Is.EqualTo(ExitCodes.NotLoggedIn), "the saved token belongs to another server and is not sent");
            Assert.That(fromFlag.ExitCode, Is.EqualTo(ExitCodes.Ok), fromFlag.Error);
            Assert.That(fromFlag.Json().GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Logout_revokes_the_token_on_the_server()
    {
        var (cli, _, _) = await SignedInWithProjectAsync();
        using var _ = cli;
        var token = cli.Token();

        (await cli.RunAsync("logout")).Ok();

        using var http = ApiClient.WithBearer(token);
        using var response = await http.GetAsync("workspaces");
        var after = await cli.RunAsync("workspaces");
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(401));
            Assert.That(after.ExitCode, Is.EqualTo(ExitCodes.NotLoggedIn));
            Assert.That(File.ReadAllText(cli.ConfigFile), Does.Not.Contain(token));
        });
    }

    [Test]
    public async Task Export_waits_for_the_job_and_downloads_the_file()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        await api.Api.V1.Projects[projectId].Tasks.PostAsync(new CreateTaskRequest { Title = "Exported task" });
        var target = Path.Combine(cli.ConfigHome, "export.csv");

        var result = (await cli.RunAsync("export", projectId.ToString(), "--format", "csv", "-o", target, "--json")).Ok();

        Assert.Multiple(() =>
        {
            Assert.That(result.Json().GetProperty("file").GetString(), Is.EqualTo(target));
            Assert.That(File.ReadAllText(target), Does.Contain("Exported task"));
        });
    }

    [Test]
    public async Task The_progress_bar_renders_at_a_terminal_on_stderr_only()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var terminal = new CliEnvironment(output, error, _ => null, interactive: true);

        await Transfer.WithProgressAsync(
            terminal,
            "Uploading big.zip",
            1000,
            async progress =>
            {
                foreach (var sent in new[] { 250.0, 500.0, 1000.0 })
                {
                    progress.Report(sent);
                    await Task.Yield();
                }
            }
        );

        Assert.Multiple(() =>
        {
            Assert.That(error.ToString(), Does.Contain("Uploading big.zip"));
            Assert.That(output.ToString(), Is.Empty);
        });
    }

    /// <summary>A new user logged in through the CLI, with a workspace and a project made through the typed client.</summary>
    [Test]
    public async Task Import_uploads_the_file_waits_for_the_job_and_reports_a_failure_with_its_bad_rows()
    {
        var (cli, api, projectId) = await SignedInWithProjectAsync();
        using var _ = cli;
        var project = await api.Api.V1.Projects[projectId].GetAsync();
        var workspaceId = project!.WorkspaceId!.Value.ToString();
        var good = Path.Combine(cli.ConfigHome, "tasks.csv");
        var bad = Path.Combine(cli.ConfigHome, "bad.csv");
        File.WriteAllText(good, "title,status,labels\r\nFirst,Done,cli\r\nSecond,Open,\r\n");
        File.WriteAllText(bad, "title,status\r\n,Done\r\n");

        var dry = (await cli.RunAsync("import", good, "--workspace", workspaceId, "--dry-run", "--json")).Ok().Json();
        var table = (await cli.RunAsync("import", good, "-w", workspaceId, "--dry-run")).Ok();
        var imported = (await cli.RunAsync("import", good, "-w", workspaceId, "--project-name", "From the CLI", "--json")).Ok().Json();
        var failed = await cli.RunAsync("import", bad, "-w", workspaceId);
        var created = await api.Api.V1.Projects[Guid.Parse(imported.GetProperty("projectId").GetString()!)].GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(dry.GetProperty("dryRun").GetBoolean(), Is.True);
            Assert.That(dry.GetProperty("preview").GetProperty("tasks").GetInt64(), Is.EqualTo(2));
            Assert.That(imported.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            Assert.That(imported.GetProperty("created").GetInt64(), Is.EqualTo(2));
            Assert.That(created!.Name, Is.EqualTo("From the CLI"));
            Assert.That(table.Output, Does.Contain("dry run").And.Contain("2 (0 sub-tasks)").And.Contain("cli (1)"));
            Assert.That(failed.ExitCode, Is.EqualTo(ExitCodes.ApiError));
            Assert.That(failed.Error, Does.Contain("1 of 1 rows cannot be imported").And.Contain("row 2: The title is empty."));
        });
    }

    private static async Task<(CliRunner Cli, Tasklane.Client.TasklaneApiClient Api, Guid ProjectId)> SignedInWithProjectAsync()
    {
        var user = await ApiClient.SignUpAsync();
        var api = CliRunner.TypedClient(user);
        var workspace = await api.Api.V1.Workspaces.PostAsync(new CreateWorkspaceRequest { Name = "Workspace" });
        var project = await api.Api.V1.Workspaces[workspace!.Id!.Value].Projects.PostAsync(new CreateProjectRequest { Name = "Project" });
        var cli = new CliRunner();
        await cli.LoginAsync(user);
        return (cli, api, project!.Id!.Value);
    }
}

internal static class CliRunnerExtensions
{
    public static string Token(this CliRunner cli) =>
        JsonDocument.Parse(File.ReadAllText(cli.ConfigFile)).RootElement.GetProperty("token").GetString()!;
}
