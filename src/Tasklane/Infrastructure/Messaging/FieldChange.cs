namespace Tasklane.Infrastructure.Messaging;

/// <summary>A field's value before and after a change, in the field's own type.</summary>
public sealed record FieldChange<T>(T From, T To)
{
    /// <summary>The change from <paramref name="from"/> to <paramref name="to"/>, or null when they are equal (nothing changed).</summary>
    public static FieldChange<T>? Between(T from, T to) => EqualityComparer<T>.Default.Equals(from, to) ? null : new(from, to);
}
