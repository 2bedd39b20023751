namespace Tasklane.Infrastructure;

/// <summary>
/// A value out of a fixed set that is spelled as text wherever it leaves the process: a JSON string
/// (<see cref="TextEnum.JsonConverter{T}"/>), a text column (Dapper, through the handler DatabaseSetup registers for every
/// implementation), an enum of strings in the OpenAPI document. Implemented by a <c>readonly record struct</c> whose known
/// values are its static properties, listed in <see cref="All"/>.
/// </summary>
/// <remarks>
/// <c>default</c> is none of the values: it is what a JSON string naming none reads as, so a request's <c>Validate</c>
/// answers it with the list of names (<c>FieldErrors.OneOf</c>) instead of the serializer's generic error; it never reaches
/// a column or a response, because its <see cref="Name"/> throws.
/// </remarks>
public interface ITextEnum<TSelf>
    where TSelf : struct, ITextEnum<TSelf>
{
    /// <summary>Every value, in order.</summary>
    static abstract IReadOnlyList<TSelf> All { get; }

    /// <summary>The value as JSON, the database and the OpenAPI document spell it; throws for <c>default</c>.</summary>
    string Name { get; }

    /// <summary>One of <see cref="All"/>; false only for <c>default</c>.</summary>
    bool IsDefined { get; }
}
