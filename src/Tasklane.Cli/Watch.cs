using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tasklane.Client;

namespace Tasklane.Cli;

/// <summary>
/// <c>tasklane watch</c>: a workspace's changes as they happen, one line each, from its event stream. The stream is
/// followed across dropped connections (resuming after the last change seen) until Ctrl-C.
/// </summary>
public static class Watch
{
    private const int CommentPreview = 60;

    /// <summary>The data fields that name what a change is about, most specific first.</summary>
    private static readonly string[] SubjectFields = ["taskId", "projectId", "labelId", "userId"];

    public static Command Command(CliEnvironment env)
    {
        var workspace = new Option<Guid?>("--workspace", "-w")
        {
            Description = "Workspace id (default: the --project's workspace, else your only workspace).",
        };
        var project = new Option<Guid?>("--project", "-p") { Description = "Only changes of this project." };
        var command = new Command("watch", "Print a workspace's changes as they happen, until Ctrl-C (--json: one change per line).")
        {
            workspace,
            project,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var projectId = parsed.GetValue(project);
                var workspaceId = parsed.GetValue(workspace) ?? await DefaultWorkspaceAsync(client, projectId, ct);

                // No timeout: the response is a stream that stays open for as long as the user watches.
                using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
                var live = false;
                try
                {
                    await foreach (var item in WorkspaceEvents.FollowAsync(http, session.Server, workspaceId, null, ct))
                    {
                        switch (item.Signal)
                        {
                            // Every reconnection is ready again; saying so once is enough.
                            case StreamSignal.Ready when !live:
                                live = true;
                                await env.Error.WriteLineAsync(
                                    $"Watching workspace {workspaceId}{(projectId is { } p ? $", project {p}" : "")}; Ctrl-C to stop."
                                );
                                break;
                            case StreamSignal.Resync when session.Json:
                                await env.Output.WriteLineAsync("""{"signal":"resync"}""");
                                break;
                            case StreamSignal.Resync:
                                await env.Error.WriteLineAsync(
                                    "resync: some changes are no longer kept by the server and were not shown; reload what you rely on."
                                );
                                break;
                            case StreamSignal.Change
                                when item.Change is { } change
                                    && (projectId is null || Guid.TryParse(Text(change.Data, "projectId"), out var of) && of == projectId):
                                await env.Output.WriteLineAsync(
                                    session.Json ? JsonSerializer.Serialize(change, JsonSerializerOptions.Web) : Line(change)
                                );
                                break;
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl-C is the way a watch ends.
                }
                catch (HttpRequestException e) when (e.StatusCode is { } status)
                {
                    // FollowAsync retries what may pass later (5xx, 429, a lost connection); a refusal like this stands.
                    throw status switch
                    {
                        HttpStatusCode.Unauthorized => new CliException(
                            ExitCodes.NotLoggedIn,
                            $"{session.Server} rejected the token: run 'tasklane login'."
                        ),
                        HttpStatusCode.NotFound => new CliException(
                            ExitCodes.ApiError,
                            $"workspace {workspaceId} not found, or you are not a member of it."
                        ),
                        _ => new CliException(ExitCodes.ApiError, e.Message),
                    };
                }

                return ExitCodes.Ok;
            }
        );
        return command;
    }

    /// <summary>
    /// The project's workspace, else the user's only one: a stream covers one workspace, so "every workspace" is no default here.
    /// </summary>
    private static async Task<Guid> DefaultWorkspaceAsync(TasklaneApiClient client, Guid? projectId, CancellationToken ct)
    {
        if (projectId is { } id)
        {
            var project = await client.Api.V1.Projects[id].GetAsync(cancellationToken: ct);
            return project!.WorkspaceId!.Value;
        }

        var workspaces = await Commands.AllWorkspacesAsync(client, ct);
        return workspaces.Count == 1
            ? workspaces[0].Id!.Value
            : throw new CliException(
                ExitCodes.Usage,
                workspaces.Count == 0
                    ? "you belong to no workspace yet."
                    : $"you belong to {workspaces.Count} workspaces: pick one with --workspace ('tasklane workspaces' lists them)."
            );
    }

    /// <summary><c>09:15:02  task.moved  &lt;taskId&gt;  todo → in_progress  by &lt;actorId&gt;</c>, in local time.</summary>
    private static string Line(WorkspaceChange change)
    {
        string?[] parts =
        [
            change.OccurredAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            change.Type,
            SubjectFields.Select(field => Text(change.Data, field)).FirstOrDefault(id => id is not null),
            Summary(change.Type, change.Data),
            $"by {change.ActorId}",
        ];
        return string.Join("  ", parts.Where(part => part is { Length: > 0 }));
    }

    private static string? Summary(string type, JsonElement data) =>
        type switch
        {
            "task.created" => Text(data, "title") is { } title ? Plain(title) : null,
            "task.updated" => data.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object
                ? string.Join(", ", changes.EnumerateObject().Select(field => field.Name))
                : null,
            "task.moved" => $"{Text(data, "fromStatus")} → {Text(data, "toStatus")}",
            // The body is gone from the log once the comment is deleted.
            "comment.added" => Text(data, "body") is { } body ? Preview(Plain(body)) : null,
            _ => null,
        };

    private static string Preview(string text) => text.Length <= CommentPreview ? text : text[..CommentPreview] + "…";

    /// <summary>Someone else's text on one line: newlines and terminal escape sequences become spaces.</summary>
    private static string Plain(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    private static string? Text(JsonElement data, string field) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
