namespace Tasklane.Infrastructure.Http;

/// <summary>
/// The longest value of a string dictionary (a JSON object whose names are free), or item of a string array: the document
/// states it as the maxLength of the object's additionalProperties (of the array's items). Like <c>[MaxLength]</c> on a response property, it states what the
/// code that makes the values guarantees, with that code's constant.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValueMaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
