namespace Tasklane.Features.Imports.RunImport;

/// <summary>The file as a whole cannot be imported (not UTF-8, not JSON, too deep, too many rows): the job fails with <see cref="Exception.Message"/>.</summary>
public sealed class ImportFileException(string reason) : Exception(reason);
