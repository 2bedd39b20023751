using Tasklane.Infrastructure;

namespace Tasklane.Features.Tasks;

/// <summary>A task's priority, lowest first.</summary>
/// <remarks>Spelled as in JSON in <c>tasks.priority</c> (<see cref="ITextEnum{TSelf}"/>).</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<TaskPriority>))]
public readonly record struct TaskPriority : ITextEnum<TaskPriority>
{
    private readonly string? _name;

    private TaskPriority(string name, short rank) => (_name, Rank) = (name, rank);

    public static TaskPriority Low { get; } = new("low", 0);
    public static TaskPriority Normal { get; } = new("normal", 1);
    public static TaskPriority High { get; } = new("high", 2);
    public static TaskPriority Urgent { get; } = new("urgent", 3);

    public static IReadOnlyList<TaskPriority> All { get; } = [Low, Normal, High, Urgent];

    public string Name => _name ?? throw TextEnum.Undefined<TaskPriority>();

    public bool IsDefined => _name is not null;

    /// <summary>The sort key: the <c>priority_rank</c> column the priority sort and its cursors use.</summary>
    public short Rank { get; }

    public static TaskPriority Parse(string name) => TextEnum.Parse<TaskPriority>(name);

    public static bool TryParse(string? name, out TaskPriority value) => TextEnum.TryParse(name, out value);

    public override string ToString() => _name ?? "";
}
