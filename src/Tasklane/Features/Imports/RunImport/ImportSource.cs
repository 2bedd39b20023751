namespace Tasklane.Features.Imports.RunImport;

/// <summary>A file being read: its rows one at a time, and its head once the rows that follow it have started.</summary>
public abstract class ImportSource
{
    public SourceHead Head { get; protected set; } = SourceHead.Empty;

    public abstract IAsyncEnumerable<SourceRow> RowsAsync(CancellationToken ct);

    public static ImportSource For(string source, Stream utf8, ImportOptions options, ImportSettings settings) => source switch
    {
        "tasklane" => new TasklaneExportSource(utf8, settings.MaxItemBytes),
        "csv" => new CsvSource(utf8, options.Mapping?.Columns, jira: false),
        "jira" => new CsvSource(utf8, options.Mapping?.Columns, jira: true),
        _ => throw new ImportFileException($"Unknown source '{source}'."),
    };
}
