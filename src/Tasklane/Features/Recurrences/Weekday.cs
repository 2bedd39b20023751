using Tasklane.Infrastructure;

namespace Tasklane.Features.Recurrences;

/// <summary>A day of the week, spelled in full and in lower case ("monday").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<Weekday>))]
public readonly record struct Weekday : ITextEnum<Weekday>
{
    private readonly string? _name;

    private Weekday(string name, DayOfWeek day) => (_name, Day) = (name, day);

    public static Weekday Monday { get; } = new("monday", DayOfWeek.Monday);
    public static Weekday Tuesday { get; } = new("tuesday", DayOfWeek.Tuesday);
    public static Weekday Wednesday { get; } = new("wednesday", DayOfWeek.Wednesday);
    public static Weekday Thursday { get; } = new("thursday", DayOfWeek.Thursday);
    public static Weekday Friday { get; } = new("friday", DayOfWeek.Friday);
    public static Weekday Saturday { get; } = new("saturday", DayOfWeek.Saturday);
    public static Weekday Sunday { get; } = new("sunday", DayOfWeek.Sunday);

    public static IReadOnlyList<Weekday> All { get; } = [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday];

    public string Name => _name ?? throw TextEnum.Undefined<Weekday>();

    public bool IsDefined => _name is not null;

    public DayOfWeek Day { get; }

    public override string ToString() => _name ?? "";
}
