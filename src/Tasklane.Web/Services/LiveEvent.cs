using System.Text.Json;
using Tasklane.Client;

namespace Tasklane.Web.Services;

/// <summary>
/// What a view hears from its workspace's stream: a change, or (<see cref="Change"/> null) that it must load its state again,
/// because changes may have been missed (a first connection, or a gap too old to replay).
/// </summary>
public sealed record LiveEvent(WorkspaceChange? Change)
{
    public static readonly LiveEvent Resync = new((WorkspaceChange?)null);

    public bool IsResync => Change is null;

    public string Type => Change?.Type ?? "resync";

    public Guid? ProjectId => Id("projectId");

    public Guid? TaskId => Id("taskId");

    /// <summary>A text field of the change's data ("title", "body", "toStatus"…), or null.</summary>
    public string? Text(string name) =>
        Change is { Data.ValueKind: JsonValueKind.Object } c
        && c.Data.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The names of the fields a task.updated changed.</summary>
    public IEnumerable<string> ChangedFields =>
        Change is { Data.ValueKind: JsonValueKind.Object } c
        && c.Data.TryGetProperty("changes", out var changes)
        && changes.ValueKind == JsonValueKind.Object
            ? changes.EnumerateObject().Select(p => p.Name).ToList()
            : [];

    private Guid? Id(string name) => Guid.TryParse(Text(name), out var id) ? id : null;
}
