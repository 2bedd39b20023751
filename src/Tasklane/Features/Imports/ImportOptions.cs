namespace Tasklane.Features.Imports;

/// <summary>What the request asked besides the file, stored with the job (imports.options) for the worker.</summary>
public sealed record ImportOptions(ImportMapping? Mapping, bool SkipBadRows, string? ProjectName);
