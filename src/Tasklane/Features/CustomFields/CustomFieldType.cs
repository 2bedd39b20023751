using Tasklane.Infrastructure;

namespace Tasklane.Features.CustomFields;

/// <summary>What a custom field holds, and so how its values are checked, compared and sorted.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TextEnum.JsonConverter<CustomFieldType>))]
public readonly record struct CustomFieldType : ITextEnum<CustomFieldType>
{
    private readonly string? _name;

    private CustomFieldType(string name) => _name = name;

    public static CustomFieldType Text { get; } = new("text");
    public static CustomFieldType Number { get; } = new("number");
    public static CustomFieldType Date { get; } = new("date");
    public static CustomFieldType SingleSelect { get; } = new("single_select");
    public static CustomFieldType MultiSelect { get; } = new("multi_select");
    public static CustomFieldType User { get; } = new("user");
    public static CustomFieldType Checkbox { get; } = new("checkbox");

    public static IReadOnlyList<CustomFieldType> All { get; } = [Text, Number, Date, SingleSelect, MultiSelect, User, Checkbox];

    public string Name => _name ?? throw TextEnum.Undefined<CustomFieldType>();

    public bool IsDefined => _name is not null;

    /// <summary>Whether the field has options to choose from.</summary>
    public bool HasOptions => this == SingleSelect || this == MultiSelect;

    /// <summary>Whether a list can be sorted by the field: by text, number, date or checkbox.</summary>
    public bool IsSortable => this == Text || this == Number || this == Date || this == Checkbox;

    public static CustomFieldType Parse(string name) => TextEnum.Parse<CustomFieldType>(name);

    public static bool TryParse(string? name, out CustomFieldType value) => TextEnum.TryParse(name, out value);

    public override string ToString() => _name ?? "";
}
