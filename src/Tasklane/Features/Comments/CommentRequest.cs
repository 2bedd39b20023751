using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
namespace Tasklane.Features.Comments;

/// <summary>The body shared by adding and editing a comment.</summary>
public sealed record CommentRequest([property: MaxLength(CommentRules.BodyMax)] string? Body);
