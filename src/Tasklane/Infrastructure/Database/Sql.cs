using System.Reflection;

namespace Tasklane.Infrastructure.Database;

/// <summary>Reads a slice's <c>.sql</c> file, embedded beside the type that uses it.</summary>
public static class Sql
{
    /// <summary>Loads <paramref name="fileName"/> from the folder (namespace) of <paramref name="slice"/>.</summary>
    public static string Load(Type slice, string fileName)
    {
        var name = $"{slice.Namespace}.{fileName}";
        using var stream =
            slice.Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"SQL resource '{name}' is missing: is '{fileName}' in the slice folder?");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static IEnumerable<(string Name, string Text)> Migrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (
            var name in assembly
                .GetManifestResourceNames()
                .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
        )
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (name["Migrations.".Length..], reader.ReadToEnd());
        }
    }
}
