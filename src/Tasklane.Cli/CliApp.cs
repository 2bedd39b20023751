using System.CommandLine;
using Microsoft.Kiota.Abstractions;
using Spectre.Console;
using Tasklane.Client;
using ClientProblem = Tasklane.Client.Models.ProblemDetails;

namespace Tasklane.Cli;

/// <summary>The command tree and the one place that turns failures into messages and exit codes.</summary>
public static class CliApp
{
    public static readonly Option<string?> ServerOption = new("--server", "-s")
    {
        Description = "Server URL, e.g. http://127.0.0.1:8080 (default: $TASKLANE_URL, then the one saved by login).",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables.",
        Recursive = true,
    };

    public static Command Build(CliEnvironment env)
    {
        // A plain Command named like the tool rather than RootCommand, whose name would be the assembly's
        // (Tasklane.Cli) in every usage line; so help and version are added by hand.
        var root = new Command(
            "tasklane",
            "Tasklane from the command line. Exit codes: 0 ok, 1 API error (problem printed to stderr), 2 usage, 3 not logged in or token rejected."
        )
        {
            new System.CommandLine.Help.HelpOption { Recursive = true },
            new VersionOption(),
        };
        root.Options.Add(ServerOption);
        root.Options.Add(JsonOption);
        foreach (var command in Commands.All(env))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var root = Build(env);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await env.Error.WriteLineAsync($"error: {error.Message}");
            }

            await env.Error.WriteLineAsync(
                $"Run '{(CommandPath(parsed) is { Length: > 0 } path ? "tasklane " + path : "tasklane")} --help' for usage."
            );
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = env.Output,
                    Error = env.Error,
                    EnableDefaultExceptionHandler = false,
                },
                ct
            );
        }
        catch (CliException e)
        {
            await env.Error.WriteLineAsync($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (ClientProblem problem)
        {
            await env.Error.WriteLineAsync($"error: {Describe(problem)}");
            return problem.ResponseStatusCode == 401 ? ExitCodes.NotLoggedIn : ExitCodes.ApiError;
        }
        catch (ApiException e)
        {
            await env.Error.WriteLineAsync(
                $"error: the server answered {e.ResponseStatusCode}{(e.Message is { Length: > 0 } m ? $" ({m})" : "")}"
            );
            return e.ResponseStatusCode == 401 ? ExitCodes.NotLoggedIn : ExitCodes.ApiError;
        }
        catch (HttpRequestException e)
        {
            await env.Error.WriteLineAsync($"error: cannot reach the server: {e.Message}");
            return ExitCodes.ApiError;
        }
        catch (IOException e)
        {
            await env.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.ApiError;
        }
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (
            var result = parsed.CommandResult;
            result is not null && result.Parent is not null;
            result = result.Parent as System.CommandLine.Parsing.CommandResult
        )
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>"Title: detail" plus field errors, from an RFC 9457 problem.</summary>
    public static string Describe(ClientProblem problem)
    {
        var text = problem.Title ?? $"HTTP {problem.ResponseStatusCode}";
        if (problem.Detail is { Length: > 0 } detail)
        {
            text += $": {detail}";
        }

        if (
            problem.AdditionalData.TryGetValue("errors", out var errors)
            && errors is Microsoft.Kiota.Abstractions.Serialization.UntypedObject fields
        )
        {
            foreach (var (field, messages) in fields.GetValue())
            {
                var list = messages is Microsoft.Kiota.Abstractions.Serialization.UntypedArray array
                    ? array.GetValue().OfType<Microsoft.Kiota.Abstractions.Serialization.UntypedString>().Select(s => s.GetValue())
                    : [];
                text += $"{Environment.NewLine}  {field}: {string.Join(" ", list)}";
            }
        }

        return text;
    }
}

/// <summary>One invocation's resolved settings: server, token, output mode, console and typed client.</summary>
public sealed class Session
{
    private Session(CliEnvironment env, CliConfig config, Uri server, string? token, bool json)
    {
        Env = env;
        Config = config;
        Server = server;
        Token = token;
        Json = json;
        Console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(env.Output),
                Ansi = env.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = env.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = env.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            }
        );
        if (!env.Interactive)
        {
            // Captured or piped output: wide enough that tables are not wrapped mid-word.
            Console.Profile.Width = 200;
        }
    }

    public CliEnvironment Env { get; }
    public CliConfig Config { get; }
    public Uri Server { get; }
    public string? Token { get; }
    public bool Json { get; }
    public IAnsiConsole Console { get; }

    /// <summary>The API root for hand-built URLs, e.g. <c>http://host:8080/api/v1/</c>.</summary>
    public Uri ApiBase => new(Server, "api/v1/");

    public static Session Open(ParseResult parsed, CliEnvironment env)
    {
        var config = CliConfig.Load(env);
        var serverText =
            parsed.GetValue(CliApp.ServerOption)
            ?? env.Variable("TASKLANE_URL")
            ?? config.Server
            ?? throw new CliException(
                ExitCodes.NotLoggedIn,
                "no server: pass --server URL, set TASKLANE_URL, or run 'tasklane login --server URL'."
            );
        if (!Uri.TryCreate(serverText.TrimEnd('/') + "/", UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new CliException(ExitCodes.Usage, $"'{serverText}' is not an http(s) URL.");
        }

        // A token saved for another server is not sent to this one.
        var token = env.Variable("TASKLANE_TOKEN") ?? (SameServer(config.Server, server) ? config.Token : null);
        return new Session(env, config, server, token, parsed.GetValue(CliApp.JsonOption));
    }

    private static bool SameServer(string? saved, Uri server) =>
        saved is not null && Uri.TryCreate(saved.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri == server;

    /// <summary>A typed client with the stored token; fails with exit code 3 when there is none.</summary>
    public TasklaneApiClient Client()
    {
        if (Token is null)
        {
            throw new CliException(ExitCodes.NotLoggedIn, $"not logged in to {Server}: run 'tasklane login'.");
        }

        return TasklaneClientFactory.Create(Server, Token);
    }

    public TasklaneApiClient AnonymousClient() => TasklaneClientFactory.Create(Server);
}
