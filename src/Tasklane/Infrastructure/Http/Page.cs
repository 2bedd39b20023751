using System.ComponentModel.DataAnnotations;

namespace Tasklane.Infrastructure.Http;

public sealed record Page<T>(
    [property: MaxLength(Paging.MaxLimit)] IReadOnlyList<T> Items,
    [property: MaxLength(Cursor.MaxLength)] string? NextCursor
);
