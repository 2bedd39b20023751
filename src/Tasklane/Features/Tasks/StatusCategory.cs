using Tasklane.Infrastructure;

namespace Tasklane.Features.Tasks;

/// <summary>A task's status: its column on the board.</summary>
/// <remarks>
/// Spelled as in JSON in <c>tasks.status</c> (<see cref="ITextEnum{TSelf}"/>). Named for what it will become: when projects
/// get statuses of their own, each will belong to one of these three categories.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<StatusCategory>))]
public readonly record struct StatusCategory : ITextEnum<StatusCategory>
{
    private readonly string? _name;

    private StatusCategory(string name) => _name = name;

    public static StatusCategory Todo { get; } = new("todo");
    public static StatusCategory InProgress { get; } = new("in_progress");
    public static StatusCategory Done { get; } = new("done");

    public static IReadOnlyList<StatusCategory> All { get; } = [Todo, InProgress, Done];

    public string Name => _name ?? throw TextEnum.Undefined<StatusCategory>();

    public bool IsDefined => _name is not null;

    public static StatusCategory Parse(string name) => TextEnum.Parse<StatusCategory>(name);

    public static bool TryParse(string? name, out StatusCategory value) => TextEnum.TryParse(name, out value);

    public override string ToString() => _name ?? "";
}
