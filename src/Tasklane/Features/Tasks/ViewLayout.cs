using Tasklane.Infrastructure;

namespace Tasklane.Features.Tasks;

/// <summary>How a saved view shows its tasks: a list (table) or a board.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<ViewLayout>))]
public readonly record struct ViewLayout : ITextEnum<ViewLayout>
{
    private readonly string? _name;

    private ViewLayout(string name) => _name = name;

    public static ViewLayout List { get; } = new("list");
    public static ViewLayout Board { get; } = new("board");

    public static IReadOnlyList<ViewLayout> All { get; } = [List, Board];

    public string Name => _name ?? throw TextEnum.Undefined<ViewLayout>();

    public bool IsDefined => _name is not null;

    public override string ToString() => _name ?? "";
}
