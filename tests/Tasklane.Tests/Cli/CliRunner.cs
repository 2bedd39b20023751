using System.Text.Json;
using Tasklane.Cli;
using Tasklane.Client;

namespace Tasklane.Tests.Cli;

/// <summary>
/// Runs the real CLI entry point in-process, as one user at one terminal: its own config directory (a temp
/// XDG_CONFIG_HOME), captured stdout/stderr, and the test API host as TASKLANE_URL unless a test overrides it.
/// </summary>
public sealed class CliRunner : IDisposable
{
    private readonly Dictionary<string, string?> _variables;

    public CliRunner(Uri? server = null)
    {
        ConfigHome = Directory.CreateTempSubdirectory("tasklane-cli-").FullName;
        _variables = new Dictionary<string, string?>
        {
            ["XDG_CONFIG_HOME"] = ConfigHome,
            ["HOME"] = ConfigHome,
            ["TASKLANE_URL"] = (server ?? TestEnvironment.Hosts.BaseAddress).ToString(),
        };
    }

    public string ConfigHome { get; }

    public string ConfigFile => Path.Combine(ConfigHome, "tasklane", "config.json");

    public string? this[string variable]
    {
        get => _variables.GetValueOrDefault(variable);
        set => _variables[variable] = value;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliEnvironment(output, error, name => _variables.GetValueOrDefault(name)));
        return new CliResult(exit, output.ToString(), error.ToString(), args);
    }

    /// <summary>
    /// Signs in through <c>tasklane login</c> as a user made by <see cref="Support.ApiClient.SignUpAsync(Support.TasklaneHosts?)"/>.
    /// </summary>
    public async Task LoginAsync(Support.ApiClient user) =>
        (await RunAsync("login", "--email", user.Email, "--password", "correct horse")).Ok();

    /// <summary>A typed client (the generated one the CLI uses) for checking what a command did.</summary>
    public static TasklaneApiClient TypedClient(Support.ApiClient user) =>
        TasklaneClientFactory.Create(TestEnvironment.Hosts.BaseAddress, user.Token);

    public void Dispose() => Directory.Delete(ConfigHome, recursive: true);
}

public sealed record CliResult(int ExitCode, string Output, string Error, string[] Args)
{
    /// <summary>Asserts exit code 0 and returns the result.</summary>
    public CliResult Ok()
    {
        NUnit.Framework.Assert.That(
            ExitCode,
            NUnit.Framework.Is.EqualTo(0),
            $"tasklane {string.Join(' ', Args)}\nstdout: {Output}\nstderr: {Error}"
        );
        return this;
    }

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();
}
