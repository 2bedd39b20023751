using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Tasklane.Features.CustomFields;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Tasks.UpdateTask;

/// <summary>
/// The fields a PATCH may change: an absent one stays as it is; null clears an optional one, and empties a set of ids.
/// <c>assigneeId</c> is the single-assignee form of older clients: an id means <c>assigneeIds: [id]</c>, null means none.
/// </summary>
public sealed record UpdateTaskRequest : StrictBody
{
    [MaxLength(TaskRules.TitleMax)]
    public Optional<string> Title { get; init; }

    [MaxLength(TaskRules.DescriptionMax)]
    public Optional<string?> Description { get; init; }
    public Optional<StatusCategory> Status { get; init; }
    public Optional<TaskPriority> Priority { get; init; }
    public Optional<DateTimeOffset?> StartAt { get; init; }
    public Optional<DateTimeOffset?> DueAt { get; init; }

    [Range(0, TaskRules.EstimateMax)]
    public Optional<int?> Estimate { get; init; }

    [MaxLength(TaskRules.AssigneesMax)]
    public Optional<Guid[]?> AssigneeIds { get; init; }
    public Optional<Guid?> AssigneeId { get; init; }

    [MaxLength(TaskRules.LabelsMax)]
    public Optional<Guid[]?> LabelIds { get; init; }
    public Optional<Guid?> ParentId { get; init; }

    /// <summary>Custom field values to set, by field id; null clears a field. Fields not named keep their values.</summary>
    public Optional<Dictionary<Guid, JsonElement>> CustomFields { get; init; }

    public FieldErrors Validate()
    {
        var errors = RefuseUnknownFields(new FieldErrors())
            .Typed("title", Title, "Must be a string.", nullable: false)
            .Typed("description", Description, "Must be a string or null.", nullable: true)
            .MaxLength("description", Description.Value, TaskRules.DescriptionMax)
            .Typed("status", Status, "Must be a string.", nullable: false)
            .OneOf("status", Status)
            .Typed("priority", Priority, "Must be a string.", nullable: false)
            .OneOf("priority", Priority)
            .Typed("dueAt", DueAt, "Must be an RFC 3339 timestamp or null.", nullable: true)
            .Typed("startAt", StartAt, "Must be an RFC 3339 timestamp or null.", nullable: true)
            .Typed("assigneeIds", AssigneeIds, "Must be an array of ids (UUIDs).", nullable: true)
            .Check(
                "assigneeIds",
                TaskRules.IdSet(AssigneeIds.Value ?? []).Length <= TaskRules.AssigneesMax,
                $"At most {TaskRules.AssigneesMax}."
            )
            .Typed("assigneeId", AssigneeId, "Must be an id (UUID) or null.", nullable: true)
            .Check(
                "assigneeId",
                !(AssigneeId.IsPresent && (AssigneeIds.IsPresent || AssigneeIds.IsMalformed)),
                "Send assigneeIds or assigneeId, not both."
            )
            .Typed("labelIds", LabelIds, "Must be an array of ids (UUIDs).", nullable: true)
            .Check("labelIds", TaskRules.IdSet(LabelIds.Value ?? []).Length <= TaskRules.LabelsMax, $"At most {TaskRules.LabelsMax}.")
            .Typed("parentId", ParentId, "Must be an id (UUID) or null.", nullable: true)
            .Typed("customFields", CustomFields, "Must be an object of custom field ids to values.", nullable: false)
            .Check(
                "customFields",
                CustomFields.Value is not { Count: > CustomFieldValues.MaxPerWrite },
                $"At most {CustomFieldValues.MaxPerWrite}."
            );
        if (Title is { IsPresent: true, Value: { } title })
        {
            errors.Required("title", title, TaskRules.TitleMax);
        }

        var estimate = $"Must be whole minutes between 0 and {TaskRules.EstimateMax}, or null.";
        return errors
            .Typed("estimate", Estimate, estimate, nullable: true)
            .Check("estimate", Estimate.Value is null or (>= 0 and <= TaskRules.EstimateMax), estimate);
    }

    /// <summary>The assignees to set, if any: <c>assigneeId</c> is read as <c>assigneeIds</c> (sending both is refused).</summary>
    public Optional<Guid[]> NewAssignees()
    {
        if (AssigneeId.IsPresent)
        {
            return AssigneeId.Value is { } one ? new[] { one } : [];
        }

        return AssigneeIds.IsPresent ? TaskRules.IdSet(AssigneeIds.Value ?? []) : default(Optional<Guid[]>);
    }

    /// <summary>The labels to set, if any, as stored: distinct and sorted.</summary>
    public Optional<Guid[]> NewLabels() => LabelIds.IsPresent ? TaskRules.IdSet(LabelIds.Value ?? []) : default(Optional<Guid[]>);
}
