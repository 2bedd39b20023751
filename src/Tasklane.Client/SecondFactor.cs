namespace Tasklane.Client;

/// <summary>
/// What a person typed at a two-factor prompt, as the API takes it: the authenticator app's six digits (spaces ignored) as
/// <see cref="Code"/>, anything else (recovery codes look like "3f9a-0c1d-77be") as <see cref="RecoveryCode"/>. The CLI and
/// the web app read it the same way.
/// </summary>
public sealed record SecondFactor(string? Code, string? RecoveryCode)
{
    private const int AppCodeDigits = 6;

    public static SecondFactor Parse(string typed)
    {
        var compact = string.Concat(typed.Where(c => !char.IsWhiteSpace(c)));
        return compact.Length == AppCodeDigits && compact.All(char.IsAsciiDigit) ? new(compact, null) : new(null, compact);
    }
}
