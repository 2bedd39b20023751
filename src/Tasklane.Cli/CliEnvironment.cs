namespace Tasklane.Cli;

/// <summary>
/// Everything the CLI takes from its surroundings: output streams, environment variables and stdin.
/// Tests run the real entry point in-process with their own instance (temp config dir, captured output),
/// so nothing here may be read from process-wide state after construction.
/// </summary>
public sealed class CliEnvironment(
    TextWriter output,
    TextWriter error,
    Func<string, string?> variable,
    TextReader? input = null,
    bool interactive = false
)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public TextReader? Input { get; } = input;

    /// <summary>True when a person is at a terminal: prompts and animated progress bars make sense.</summary>
    public bool Interactive { get; } = interactive;

    public string? Variable(string name) => variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>$XDG_CONFIG_HOME/tasklane, else ~/.config/tasklane (the XDG default, also used on macOS for simplicity).</summary>
    public string ConfigDirectory =>
        Path.Combine(
            Variable("XDG_CONFIG_HOME")
                ?? Path.Combine(Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
            "tasklane"
        );

    public static CliEnvironment FromProcess() =>
        new(
            Console.Out,
            Console.Error,
            Environment.GetEnvironmentVariable,
            Console.In,
            interactive: !Console.IsOutputRedirected && !Console.IsInputRedirected
        );
}
