using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tasklane.Client;
using Tasklane.Client.Models;

namespace Tasklane.Cli;

/// <summary>
/// The commands. Each one resolves a <see cref="Session"/>, calls the typed client and prints through <see cref="Output"/>.
/// </summary>
public static class Commands
{
    private const int PageSize = 200;

    public static IEnumerable<Command> All(CliEnvironment env) =>
        [
            Login(env),
            Logout(env),
            Workspaces(env),
            Projects(env),
            Statuses(env),
            Fields(env),
            TaskCommands.Command(env),
            Comment(env),
            Trash(env),
            Attach.Command(env),
            Export.Command(env),
            Import.Command(env),
            Search(env),
            Watch.Command(env),
        ];

    private static Command Login(CliEnvironment env)
    {
        var email = new Option<string>("--email", "-e") { Description = "Account e-mail.", Required = true };
        var password = new Option<string?>("--password", "-p")
        {
            Description = "Password (default: $TASKLANE_PASSWORD, else a prompt at a terminal).",
        };
        var tokenName = new Option<string?>("--token-name")
        {
            Description = "Name of the personal API token to create (default: tasklane CLI on <host>).",
        };
        var code = new Option<string?>("--code")
        {
            Description =
                "For an account with two-factor authentication: a code from the authenticator app, or a recovery code (default: $TASKLANE_CODE, else a prompt at a terminal).",
        };
        var command = new Command("login", "Sign in and store a personal API token (never the password) in the config file, mode 600.")
        {
            email,
            password,
            tokenName,
            code,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var secret =
                    parsed.GetValue(password)
                    ?? env.Variable("TASKLANE_PASSWORD")
                    ?? (
                        env.Interactive
                            ? session.Console.Prompt(new TextPrompt<string>("Password:").Secret())
                            : throw new CliException(ExitCodes.Usage, "no password: pass --password or set TASKLANE_PASSWORD.")
                    );

                // A short-lived session only to mint the long-lived personal token; it is signed out again at once.
                var login = await session
                    .AnonymousClient()
                    .Api.V1.Auth.Login.PostAsync(
                        new LoginRequest { Email = parsed.GetValue(email), Password = secret },
                        cancellationToken: ct
                    );
                if (login?.TwoFactorRequired == true)
                {
                    var secondFactor =
                        parsed.GetValue(code)
                        ?? env.Variable("TASKLANE_CODE")
                        ?? (
                            env.Interactive
                                ? session.Console.Prompt(new TextPrompt<string>("Two-factor code (or a recovery code):").Secret())
                                : throw new CliException(
                                    ExitCodes.Usage,
                                    "this account uses two-factor authentication: pass --code or set TASKLANE_CODE."
                                )
                        );
                    var typed = SecondFactor.Parse(secondFactor);
                    login = await session
                        .AnonymousClient()
                        .Api.V1.Auth.Login.TwoFactor.PostAsync(
                            new TwoFactorLoginRequest
                            {
                                Challenge = login.Challenge,
                                Code = typed.Code,
                                RecoveryCode = typed.RecoveryCode,
                            },
                            cancellationToken: ct
                        );
                }

                var asSession = TasklaneClientFactory.Create(session.Server, login!.Token);
                var created = await asSession.Api.V1.Me.Tokens.PostAsync(
                    new CreateTokenRequest { Name = parsed.GetValue(tokenName) ?? $"tasklane CLI on {Environment.MachineName}" },
                    cancellationToken: ct
                );
                await asSession.Api.V1.Auth.Logout.PostAsync(cancellationToken: ct);

                var config = session.Config with
                {
                    Server = session.Server.ToString().TrimEnd('/'),
                    Token = created!.Token,
                    TokenId = created.Id,
                    Email = parsed.GetValue(email),
                };
                config.Save(env);
                if (session.Json)
                {
                    await env.Output.WriteLineAsync(
                        JsonSerializer.Serialize(
                            new
                            {
                                server = config.Server,
                                email = config.Email,
                                tokenId = created.Id,
                                tokenName = created.Name,
                                configFile = CliConfig.PathIn(env),
                            }
                        )
                    );
                }
                else
                {
                    session.Console.WriteLine(
                        $"Logged in to {config.Server} as {config.Email}; token '{created.Name}' saved in {CliConfig.PathIn(env)}."
                    );
                }

                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Logout(CliEnvironment env)
    {
        var command = new Command("logout", "Revoke the stored API token on the server and forget it.");
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                if (session.Config.Token is null)
                {
                    session.Console.WriteLine("Not logged in.");
                    return ExitCodes.Ok;
                }

                try
                {
                    if (session.Config.TokenId is { } tokenId)
                    {
                        await TasklaneClientFactory
                            .Create(session.Server, session.Config.Token)
                            .Api.V1.Me.Tokens[tokenId]
                            .DeleteAsync(cancellationToken: ct);
                    }
                }
                catch (Tasklane.Client.Models.ProblemDetails problem) when (problem.ResponseStatusCode is 401 or 404)
                {
                    // Already revoked or expired on the server: forgetting it locally is all that is left to do.
                }

                (session.Config with { Token = null, TokenId = null }).Save(env);
                session.Console.WriteLine("Logged out; the token is revoked.");
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Workspaces(CliEnvironment env)
    {
        var command = new Command("workspaces", "List the workspaces you belong to.");
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var items = await AllWorkspacesAsync(session.Client(), ct);
                await Output.ListAsync(
                    session,
                    items,
                    ["Id", "Name", "Role", "Created"],
                    w => [w.Id.ToString(), w.Name, ApiNames.Of(w.Role), Output.Date(w.CreatedAt)]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Statuses(CliEnvironment env)
    {
        var project = new Option<Guid>("--project", "-p") { Description = "Project id.", Required = true };
        var command = new Command("statuses", "List a project's statuses: its board's columns, in order.") { project };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var list = await session.Client().Api.V1.Projects[parsed.GetValue(project)].Statuses.GetAsync(cancellationToken: ct);
                await Output.ListAsync(
                    session,
                    list?.Items ?? [],
                    ["Id", "Name", "Category", "WIP limit", "Version"],
                    s =>
                        [
                            s.Id.ToString(),
                            s.Name,
                            ApiNames.Of(s.Category),
                            s.WipLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            s.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Fields(CliEnvironment env)
    {
        var workspace = new Option<Guid>("--workspace", "-w") { Description = "Workspace id.", Required = true };
        var command = new Command("fields", "List a workspace's custom fields, with the ids of their options.") { workspace };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var list = await session
                    .Client()
                    .Api.V1.Workspaces[parsed.GetValue(workspace)]
                    .CustomFields.GetAsync(cancellationToken: ct);
                await Output.ListAsync(
                    session,
                    list?.Items ?? [],
                    ["Id", "Name", "Type", "Options", "Version"],
                    f =>
                        [
                            f.Id.ToString(),
                            f.Name,
                            ApiNames.Of(f.Type),
                            string.Join(", ", (f.Options ?? []).Select(o => $"{o.Name} ({o.Id})")),
                            f.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Trash(CliEnvironment env)
    {
        var workspace = new Option<Guid>("--workspace", "-w") { Description = "Workspace id.", Required = true };
        var command = new Command("trash", "List what a workspace's trash can give back (tasks, comments, projects), newest first.")
        {
            workspace,
        };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var items = await AllPagesAsync(
                    after =>
                        client
                            .Api.V1.Workspaces[parsed.GetValue(workspace)]
                            .Trash.GetAsync(
                                r =>
                                {
                                    r.QueryParameters.Limit = PageSize;
                                    r.QueryParameters.After = after;
                                },
                                ct
                            ),
                    p => p?.Items,
                    p => p?.NextCursor
                );
                await Output.ListAsync(
                    session,
                    items,
                    ["Type", "Id", "Title", "Deleted", "Restorable until"],
                    i => [i.Type?.ToString(), i.Id.ToString(), i.Title, Output.Date(i.DeletedAt), Output.Date(i.PurgeAt)]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Projects(CliEnvironment env)
    {
        var workspace = new Option<Guid?>("--workspace", "-w")
        {
            Description = "Only this workspace's projects (default: every workspace).",
        };
        var command = new Command("projects", "List projects.") { workspace };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var workspaceIds = parsed.GetValue(workspace) is { } only
                    ? [only]
                    : (await AllWorkspacesAsync(client, ct)).Select(w => w.Id!.Value).ToList();
                var items = new List<ProjectResponse>();
                foreach (var id in workspaceIds)
                {
                    items.AddRange(
                        await AllPagesAsync(
                            after =>
                                client
                                    .Api.V1.Workspaces[id]
                                    .Projects.GetAsync(
                                        r =>
                                        {
                                            r.QueryParameters.Limit = PageSize;
                                            r.QueryParameters.After = after;
                                        },
                                        ct
                                    ),
                            p => p?.Items,
                            p => p?.NextCursor
                        )
                    );
                }

                await Output.ListAsync(
                    session,
                    items,
                    ["Id", "Workspace", "Name", "Open", "Done", "Archived"],
                    p =>
                        [
                            p.Id.ToString(),
                            p.WorkspaceId.ToString(),
                            p.Name,
                            Open(p.TaskCounts),
                            p.TaskCounts?.Done?.ToString(),
                            p.Archived == true ? "yes" : "",
                        ]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static string? Open(TaskCounts? counts) => counts is null ? null : ((counts.Todo ?? 0) + (counts.InProgress ?? 0)).ToString();

    private static Command Comment(CliEnvironment env)
    {
        var task = new Argument<Guid>("task") { Description = "Task id." };
        var text = new Argument<string>("text") { Description = "Comment body (markdown; @mentions work as in the web app)." };
        var command = new Command("comment", "Add a comment to a task.") { task, text };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var comment = await session
                    .Client()
                    .Api.V1.Tasks[parsed.GetValue(task)]
                    .Comments.PostAsync(new CommentRequest { Body = parsed.GetValue(text) }, cancellationToken: ct);
                await Output.ItemAsync(
                    session,
                    comment!,
                    ("Id", comment!.Id.ToString()),
                    ("Task", comment.TaskId.ToString()),
                    ("Author", comment.AuthorDisplayName),
                    ("Body", comment.Body)
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    private static Command Search(CliEnvironment env)
    {
        var query = new Argument<string>("query") { Description = "Words to find in task titles, descriptions and comments." };
        var workspace = new Option<Guid?>("--workspace", "-w") { Description = "Search only this workspace (default: every workspace)." };
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "At most this many hits per workspace.",
            DefaultValueFactory = _ => 20,
        };
        var command = new Command("search", "Full-text search over tasks and comments.") { query, workspace, limit };
        command.SetAction(
            async (parsed, ct) =>
            {
                var session = Session.Open(parsed, env);
                var client = session.Client();
                var max = parsed.GetValue(limit);
                if (max is < 1 or > 200)
                {
                    throw new CliException(ExitCodes.Usage, "--limit must be 1..200.");
                }

                var workspaceIds = parsed.GetValue(workspace) is { } only
                    ? [only]
                    : (await AllWorkspacesAsync(client, ct)).Select(w => w.Id!.Value).ToList();
                var hits = new List<SearchHit>();
                foreach (var id in workspaceIds)
                {
                    var page = await client
                        .Api.V1.Workspaces[id]
                        .Search.GetAsync(
                            r =>
                            {
                                r.QueryParameters.Q = parsed.GetValue(query);
                                r.QueryParameters.Limit = max;
                            },
                            ct
                        );
                    hits.AddRange(page?.Items ?? []);
                }

                await Output.ListAsync(
                    session,
                    hits.OrderByDescending(h => h.Rank).ToList(),
                    ["Type", "Task", "Title", "Match"],
                    h => [h.Type, h.TaskId.ToString(), h.Title, h.Highlight]
                );
                return ExitCodes.Ok;
            }
        );
        return command;
    }

    public static Task<List<WorkspaceResponse>> AllWorkspacesAsync(TasklaneApiClient client, CancellationToken ct) =>
        AllPagesAsync(
            after =>
                client.Api.V1.Workspaces.GetAsync(
                    r =>
                    {
                        r.QueryParameters.Limit = PageSize;
                        r.QueryParameters.After = after;
                    },
                    ct
                ),
            p => p?.Items,
            p => p?.NextCursor
        );

    /// <summary>Follows <c>nextCursor</c> until the last page (the API's keyset pagination).</summary>
    public static async Task<List<T>> AllPagesAsync<TPage, T>(
        Func<string?, Task<TPage?>> fetch,
        Func<TPage?, List<T>?> items,
        Func<TPage?, string?> next
    )
    {
        var all = new List<T>();
        string? after = null;
        do
        {
            var page = await fetch(after);
            all.AddRange(items(page) ?? []);
            after = next(page);
        } while (after is not null);
        return all;
    }
}
