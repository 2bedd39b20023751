using System.CommandLine;
using System.Text;
using Tasklane.Client.Models;

namespace Tasklane.Cli;

/// <summary>
/// <c>tasklane import FILE --workspace WS [--source …] [--dry-run]</c>: uploads the file by presigned URL (progress bar),
/// starts the import job, polls it with a progress bar (rows processed of the file's total) and prints what it created,
/// or the preview of a dry run. A failed job is exit 1 with its reason and the first bad rows on stderr.
/// </summary>
public static class Import
{
    private static readonly string[] Sources = ["tasklane", "csv", "jira", "trello"];

    public static Command Command(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "File to import: a Tasklane JSON export, a CSV file, a Jira CSV export or a Trello board JSON export.",
        };
        var workspace = new Option<Guid>("--workspace", "-w")
        {
            Description = "Workspace to import into (as a new project).",
            Required = true,
        };
        var source = new Option<string?>("--source", "-s")
        {
            Description =
                "tasklane, csv, jira or trello (default: csv for .csv files; for .json, tasklane when the file says \"tasklane-export/1\", else trello).",
        };
        source.AcceptOnlyFromAmong(Sources);
        var dryRun = new Option<bool>("--dry-run") { Description = "Only check the file and show what would be created." };
        var skipBadRows = new Option<bool>("--skip-bad-rows")
        {
            Description = "Import the good rows and report the bad ones (default: one bad row imports nothing).",
        };
        var projectName = new Option<string?>("--project-name") { Description = "Name of the new project." };
        var invite = new Option<bool>("--invite-unknown-people")
        {
            Description =
                "Invite assignees who are not members, by their email address; their tasks are assigned to them when they accept "
                + "(default: left unassigned). Get a token to pass on with POST …/invitations/{id}/renew.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Give up waiting after this many seconds.",
            DefaultValueFactory = _ => 3600,
        };
        var command = new Command(
            "import",
            "Import a file into a workspace as a new project (upload and job progress bars). Statuses, priorities and people are "
                + "mapped as docs/api.md (Imports) describes: people by email, unknown ones left unassigned or invited; labels created by name."
        )
        {
            file,
            workspace,
            source,
            dryRun,
            skipBadRows,
            projectName,
            invite,
            timeout,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var path = parsed.GetValue(file)!;
                if (!path.Exists)
                {
                    throw new CliException(ExitCodes.Usage, $"no such file: {path.FullName}");
                }

                var workspaceId = parsed.GetValue(workspace);
                var kind = parsed.GetValue(source) ?? await GuessAsync(path, ct);
                var upload =
                    await client
                        .Api.V1.Workspaces[workspaceId]
                        .Imports.Uploads.PostAsync(new CreateImportUploadRequest { Size = path.Length }, cancellationToken: ct)
                    ?? throw new CliException(ExitCodes.ApiError, "the server gave no upload URL.");
                await Transfer.UploadAsync(env, path, upload.UploadMethod, upload.UploadUrl, upload.UploadHeaders?.AdditionalData, ct);

                var job =
                    await client
                        .Api.V1.Workspaces[workspaceId]
                        .Imports.PostAsync(
                            new CreateImportRequest
                            {
                                Source = kind,
                                ObjectKey = upload.ObjectKey,
                                DryRun = parsed.GetValue(dryRun),
                                SkipBadRows = parsed.GetValue(skipBadRows),
                                ProjectName = parsed.GetValue(projectName),
                                InviteUnknownPeople = parsed.GetValue(invite),
                            },
                            cancellationToken: ct
                        ) ?? throw new CliException(ExitCodes.ApiError, "the server started no import.");
                var importId = job.Id ?? throw new CliException(ExitCodes.ApiError, "the server answered an import without an id.");
                var statusUrl = new Uri(session.Server, $"/api/v1/imports/{importId}");
                var deadline = DateTime.UtcNow.AddSeconds(parsed.GetValue(timeout));
                await Transfer.WithProgressAsync(
                    env,
                    $"Importing {path.Name} ({kind})",
                    1.0,
                    async progress =>
                    {
                        while (job.Status is "queued" or "running")
                        {
                            if (DateTime.UtcNow > deadline)
                            {
                                throw new CliException(
                                    ExitCodes.ApiError,
                                    $"the import is still {job.Status} after {parsed.GetValue(timeout)} s; its status is at {statusUrl}."
                                );
                            }

                            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                            job =
                                await client.Api.V1.Imports[importId].GetAsync(cancellationToken: ct)
                                ?? throw new CliException(ExitCodes.ApiError, "the server answered the import's status with nothing.");
                            progress.Report(job.Total is > 0 ? Math.Min(1, (double)(job.Processed ?? 0) / job.Total.Value) : 0);
                        }
                    },
                    bytes: false
                );

                if (job.Status == "failed")
                {
                    var message = new StringBuilder($"the import failed: {job.Error ?? "no reason given"}");
                    foreach (var error in (job.Errors ?? []).Take(10))
                    {
                        message.Append($"\n  row {error.Row}: {error.Reason}");
                    }

                    if (session.Json)
                    {
                        await Output.ItemAsync(session, job);
                    }

                    throw new CliException(ExitCodes.ApiError, message.ToString());
                }

                var preview = job.Preview;
                await Output.ItemAsync(
                    session,
                    job,
                    ("Import", job.Id.ToString()),
                    ("Status", job.DryRun == true ? "succeeded (dry run: nothing was written)" : job.Status),
                    ("Project", job.ProjectId?.ToString()),
                    ("Tasks", $"{preview?.Tasks} ({preview?.SubTasks} sub-tasks)"),
                    ("Comments", preview?.Comments?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("New labels", Names(preview?.NewLabels)),
                    ("Bad rows", preview?.BadRows?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Unmapped people", Names(preview?.UnmappedUsers)),
                    ("Invited people", Names(preview?.InvitedPeople)),
                    ("Unmapped statuses", Names(preview?.UnmappedStatuses)),
                    ("Unmapped priorities", Names(preview?.UnmappedPriorities)),
                    ("Warnings", Names(preview?.Warnings))
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static string Names(List<ImportName>? names) =>
        names is { Count: > 0 } ? string.Join(", ", names.Select(n => $"{n.Name} ({n.Rows})")) : "-";

    /// <summary>csv for .csv files; for JSON, a Tasklane export says so near its start, anything else is taken for Trello.</summary>
    private static async Task<string> GuessAsync(FileInfo path, CancellationToken ct)
    {
        if (path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return "csv";
        }

        await using var stream = path.OpenRead();
        var head = new byte[4096];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var text = Encoding.UTF8.GetString(head, 0, read);
        return text.Contains("tasklane-export/1", StringComparison.Ordinal) ? "tasklane"
            : text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('{') ? "trello"
            : "csv";
    }
}
