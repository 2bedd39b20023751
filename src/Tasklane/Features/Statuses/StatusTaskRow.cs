namespace Tasklane.Features.Statuses;

/// <summary>A task a status change rewrote, and its parent, whose progress may have changed with it.</summary>
public sealed record StatusTaskRow(Guid Id, Guid? ParentId);
