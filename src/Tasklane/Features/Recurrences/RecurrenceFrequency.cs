using Tasklane.Infrastructure;

namespace Tasklane.Features.Recurrences;

/// <summary>How a recurrence picks its days: every day, on given weekdays, on a day of the month, or every N days.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<RecurrenceFrequency>))]
public readonly record struct RecurrenceFrequency : ITextEnum<RecurrenceFrequency>
{
    private readonly string? _name;

    private RecurrenceFrequency(string name) => _name = name;

    public static RecurrenceFrequency Daily { get; } = new("daily");
    public static RecurrenceFrequency Weekly { get; } = new("weekly");
    public static RecurrenceFrequency Monthly { get; } = new("monthly");
    public static RecurrenceFrequency EveryNDays { get; } = new("every_n_days");

    public static IReadOnlyList<RecurrenceFrequency> All { get; } = [Daily, Weekly, Monthly, EveryNDays];

    public string Name => _name ?? throw TextEnum.Undefined<RecurrenceFrequency>();

    public bool IsDefined => _name is not null;

    public override string ToString() => _name ?? "";
}
