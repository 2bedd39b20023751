namespace Tasklane.Features.Imports.RunImport;

/// <summary>Opens the file to import from its start.</summary>
public delegate Task<Stream> FileOpener(CancellationToken ct);

/// <summary>A file being read: its rows one at a time, and its head once the rows that follow it have started.</summary>
public abstract class ImportSource
{
    public SourceHead Head { get; protected set; } = SourceHead.Empty;

    public abstract IAsyncEnumerable<SourceRow> RowsAsync(CancellationToken ct);

    /// <summary>
    /// The reader for <paramref name="source"/>. <paramref name="open"/> opens the file's bytes, checked as UTF-8; each
    /// read of the rows opens it (a source that needs two passes over the file opens it twice) and closes it at the end.
    /// </summary>
    public static ImportSource For(string source, FileOpener open, ImportOptions options, ImportSettings settings) =>
        source switch
        {
            "tasklane" => new TasklaneExportSource(open, settings.MaxItemBytes),
            "csv" => new CsvSource(open, options.Mapping?.Columns, jira: false),
            "jira" => new CsvSource(open, options.Mapping?.Columns, jira: true),
            "trello" => new TrelloSource(open, settings.MaxItemBytes),
            _ => throw new ImportFileException($"Unknown source '{source}'."),
        };
}
