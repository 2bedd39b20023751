using System.Data.Common;
using System.Text;

namespace Tasklane.Features.Exports.RunExport;

/// <summary>
/// Writes one export file from rows streamed off the database. Pure formatting: the caller owns the reader and
/// the stream, so the same code writes to an upload in the worker and to memory in tests.
/// </summary>
public abstract class ExportFile(TextWriter output)
{
    protected TextWriter Output { get; } = output;

    public static ExportFile For(string format, TextWriter output) => format == "csv" ? new CsvFile(output) : new JsonFile(output);

    /// <summary>The head of the file; <paramref name="projectJson"/> is the project as a JSON document.</summary>
    public abstract Task BeginAsync(string projectJson, DateTime exportedAt, DbDataReader rows);

    public abstract Task WriteRowAsync(DbDataReader row, bool first);

    public abstract Task EndAsync();
}

/// <summary>{"format":"tasklane-export/1","exportedAt":…,"project":{…},"tasks":[…]} with one task per line.</summary>
public sealed class JsonFile(TextWriter output) : ExportFile(output)
{
    public const string FormatName = "tasklane-export/1";

    public override Task BeginAsync(string projectJson, DateTime exportedAt, DbDataReader rows) =>
        Output.WriteAsync(
            $"{{\"format\":\"{FormatName}\",\"exportedAt\":\"{exportedAt:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}\",\"project\":{projectJson},\"tasks\":["
        );

    public override async Task WriteRowAsync(DbDataReader row, bool first)
    {
        await Output.WriteAsync(first ? "\n" : ",\n");
        await Output.WriteAsync(row.GetString(0));
    }

    public override Task EndAsync() => Output.WriteAsync("\n]}\n");
}

/// <summary>RFC 4180 CSV with a header row named after the query's columns, CRLF line ends.</summary>
public sealed class CsvFile(TextWriter output) : ExportFile(output)
{
    public override async Task BeginAsync(string projectJson, DateTime exportedAt, DbDataReader rows)
    {
        var names = new string[rows.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = rows.GetName(i);
        }

        await Output.WriteAsync(string.Join(',', names) + "\r\n");
    }

    public override async Task WriteRowAsync(DbDataReader row, bool first)
    {
        var line = new StringBuilder();
        for (var i = 0; i < row.FieldCount; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(row.IsDBNull(i) ? null : row.GetString(i)));
        }

        await Output.WriteAsync(line.Append("\r\n"));
    }

    public override Task EndAsync() => Task.CompletedTask;

    /// <summary>
    /// Quoted when it holds a comma, quote or line break. A value a spreadsheet would run as a formula (starting with
    /// = + - @ tab or CR) gets a leading apostrophe, as OWASP advises for CSV files opened by people.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
