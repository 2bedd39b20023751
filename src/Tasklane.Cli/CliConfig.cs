using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Cli;

/// <summary>What <c>tasklane login</c> remembers: the server and a personal API token (never the password).</summary>
public sealed record CliConfig(string? Server, string? Token, Guid? TokenId, string? Email)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string PathIn(CliEnvironment env) => Path.Combine(env.ConfigDirectory, "config.json");

    public static CliConfig Load(CliEnvironment env)
    {
        var path = PathIn(env);
        if (!File.Exists(path))
        {
            return new CliConfig(null, null, null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), Json) ?? new CliConfig(null, null, null, null);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"The config file {path} is not valid JSON ({e.Message}); fix or delete it.");
        }
    }

    /// <summary>
    /// Writes the file readable by its owner only (0600) from the first byte: the token is a credential, so it is
    /// never on disk with wider permissions, not even between a write and a chmod.
    /// </summary>
    public void Save(CliEnvironment env)
    {
        var path = PathIn(env);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is created; an old .tmp may have kept other bits.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
