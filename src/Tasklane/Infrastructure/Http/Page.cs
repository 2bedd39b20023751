namespace Tasklane.Infrastructure.Http;

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
