using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Comments;

/// <summary>The body shared by adding and editing a comment.</summary>
public sealed record CommentRequest([property: MaxLength(CommentRules.BodyMax)] string? Body);
