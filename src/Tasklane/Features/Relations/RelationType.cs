using Tasklane.Infrastructure;

namespace Tasklane.Features.Relations;

/// <summary>
/// A relation as one of its tasks sees it: "A blocks B" is <see cref="Blocks"/> from A and <see cref="BlockedBy"/> from B.
/// Stored as its <see cref="Kind"/> from the task that <see cref="Leads"/>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<RelationType>))]
public readonly record struct RelationType : ITextEnum<RelationType>
{
    private readonly string? _name;

    private RelationType(string name, string kind, bool leads) => (_name, Kind, Leads) = (name, kind, leads);

    public static RelationType Blocks { get; } = new("blocks", "blocks", leads: true);
    public static RelationType BlockedBy { get; } = new("blocked_by", "blocks", leads: false);
    public static RelationType RelatesTo { get; } = new("relates_to", "relates_to", leads: true);
    public static RelationType Duplicates { get; } = new("duplicates", "duplicates", leads: true);
    public static RelationType DuplicatedBy { get; } = new("duplicated_by", "duplicates", leads: false);

    public static IReadOnlyList<RelationType> All { get; } = [Blocks, BlockedBy, RelatesTo, Duplicates, DuplicatedBy];

    public string Name => _name ?? throw TextEnum.Undefined<RelationType>();

    public bool IsDefined => _name is not null;

    /// <summary>The stored kind (<c>task_relations.kind</c>): blocks, relates_to or duplicates.</summary>
    public string Kind { get; }

    /// <summary>Whether the task seeing it is the stored row's <c>from_task_id</c>.</summary>
    public bool Leads { get; }

    /// <summary>How the stored row reads from one of its tasks.</summary>
    public static RelationType Of(string kind, bool leads) =>
        All.FirstOrDefault(t => t.Kind == kind && (t.Leads == leads || kind == RelatesTo.Kind));

    public override string ToString() => _name ?? "";
}
