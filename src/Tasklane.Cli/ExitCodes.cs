namespace Tasklane.Cli;

/// <summary>The process exit codes scripts can rely on (documented in README.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The API refused the request (4xx/5xx other than 401) or could not be reached; the problem is printed to stderr.</summary>
    public const int ApiError = 1;

    /// <summary>Bad command line: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>Not logged in, or the stored token was rejected (401): run <c>tasklane login</c>.</summary>
    public const int NotLoggedIn = 3;
}

/// <summary>A failure with a message for stderr and the exit code it maps to.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
