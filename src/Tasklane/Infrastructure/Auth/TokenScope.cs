namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// What a bearer token may do: act as <see cref="UserId"/>, only read when <see cref="ReadOnly"/>, and only in
/// <see cref="WorkspaceIds"/> when set (null: wherever its user may). Sessions are never limited; API tokens may be.
/// </summary>
public sealed record TokenScope(Guid UserId, bool ReadOnly, Guid[]? WorkspaceIds);
