namespace Tasklane.Features.Imports;

/// <summary>What the request asked besides the file, stored with the job (imports.options) for the worker.</summary>
/// <remarks><see cref="InviteUnknownPeople"/> reads as false from jobs stored before it.</remarks>
public sealed record ImportOptions(ImportMapping? Mapping, bool SkipBadRows, string? ProjectName, bool InviteUnknownPeople = false);
