using Microsoft.Kiota.Abstractions.Serialization;
using Spectre.Console;

namespace Tasklane.Cli;

/// <summary>Prints results: JSON (the API's own shapes, for scripts) with --json, else a table for people.</summary>
public static class Output
{
    public static async Task ListAsync<T>(Session session, IReadOnlyList<T> items, string[] columns, Func<T, string?[]> row)
        where T : IParsable
    {
        // The whole item as the server sent it: the client's backing store would otherwise write only values changed since.
        if (session.Json)
        {
            await session.Env.Output.WriteLineAsync(
                await KiotaJsonSerializer.SerializeAsStringAsync(items, serializeOnlyChangedValues: false)
            );
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var item in items)
        {
            table.AddRow(row(item).Select(cell => Markup.Escape(cell ?? "")).ToArray());
        }

        session.Console.Write(table);
        if (items.Count == 0)
        {
            session.Console.WriteLine("(none)");
        }
    }

    public static async Task ItemAsync<T>(Session session, T item, params (string Name, string? Value)[] fields)
        where T : IParsable
    {
        if (session.Json)
        {
            await session.Env.Output.WriteLineAsync(
                await KiotaJsonSerializer.SerializeAsStringAsync(item, serializeOnlyChangedValues: false)
            );
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Text(value ?? ""));
        }

        session.Console.Write(grid);
    }

    public static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
