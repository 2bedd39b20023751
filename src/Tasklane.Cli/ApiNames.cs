using System.Reflection;
using System.Runtime.Serialization;

namespace Tasklane.Cli;

/// <summary>
/// The client's enums as the API spells them: Kiota keeps the spelling in <see cref="EnumMemberAttribute"/> ("in_progress"),
/// while the member is named In_progress.
/// </summary>
public static class ApiNames
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString();

    public static string? Of<T>(T? value)
        where T : struct, Enum => value is { } known ? Of(known) : null;

    /// <summary>Every value's name, in the document's order: for an option's <c>AcceptOnlyFromAmong</c>.</summary>
    public static string[] All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];

    /// <summary>The value named <paramref name="name"/>; a usage error, worded as the API words it, for any other name.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => Of(v) == name).Select(v => (T?)v).FirstOrDefault()
        ?? throw new CliException(ExitCodes.Usage, $"'{name}' is not one of: {string.Join(", ", All<T>())}.");
}
