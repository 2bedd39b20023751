namespace Tasklane.Features.Comments;

/// <summary>The body shared by adding and editing a comment.</summary>
public sealed record CommentRequest(string? Body);
