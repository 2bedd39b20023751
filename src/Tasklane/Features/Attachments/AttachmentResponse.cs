using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Attachments;

/// <summary>An attachment as stored and as the API returns it (without its object key, which is internal).</summary>
public sealed record AttachmentResponse(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    [property: MaxLength(AttachmentRules.FileNameMax)] string FileName,
    [property: MaxLength(AttachmentRules.ContentTypeMax)] string ContentType,
    long Size,
    [property: OneOf(typeof(AttachmentRules), nameof(AttachmentRules.Statuses))] string Status,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime? CompletedAt
)
{
    /// <summary>Where the bytes live; derived from ids only, so a file name can never steer it.</summary>
    [JsonIgnore]
    public string ObjectKey => AttachmentRules.ObjectKey(WorkspaceId, Id);
}
