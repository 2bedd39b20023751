using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Comments;

/// <summary><see cref="Mentions"/> are the workspace members the comment mentions, for a later notifier.</summary>
public sealed record CommentAdded(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid CommentId,
    Guid ActorId,
    DateTime OccurredAt,
    string Body,
    IReadOnlyList<Guid> Mentions
) : IDomainEvent;

/// <summary><see cref="NewMentions"/> are the members mentioned by this edit who were not mentioned before.</summary>
public sealed record CommentEdited(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid CommentId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    FieldChange<string> Body,
    IReadOnlyList<Guid> Mentions,
    IReadOnlyList<Guid> NewMentions
) : IDomainEvent;

/// <summary>The comment went to the trash; the event keeps who wrote it but not its text.</summary>
public sealed record CommentDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid CommentId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid AuthorId
) : IDomainEvent;

/// <summary>The comment came back from the trash at <see cref="Version"/>; read it for its text.</summary>
public sealed record CommentRestored(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid CommentId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    Guid AuthorId
) : IDomainEvent;
