using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Problem = Tasklane.Client.Models.ProblemDetails;

namespace Tasklane.Web.Services;

/// <summary>
/// Why the API refused an action, for the place on the screen that caused it: the problem's detail in its own words ("Your
/// role in this workspace (member) does not allow this.") and, for a 400, each field's messages to show beside that field.
/// </summary>
public sealed record Refusal(string Text, IReadOnlyDictionary<string, string> Fields)
{
    public static Refusal Of(Exception error) =>
        error switch
        {
            Problem problem => new(
                problem.Detail ?? problem.Title ?? $"The server answered {problem.ResponseStatusCode}.",
                FieldErrors(problem)
            ),
            ApiException { ResponseStatusCode: 403 } => new(
                "Your role in this workspace does not allow this.",
                new Dictionary<string, string>()
            ),
            ApiException api => new($"The server answered {api.ResponseStatusCode}.", new Dictionary<string, string>()),
            _ => new(error.Message, new Dictionary<string, string>()),
        };

    /// <summary>The messages for one field, or null.</summary>
    public string? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>The text, with the field errors the form does not show beside a field of its own (<paramref name="shown"/>).</summary>
    public string Summary(params IEnumerable<string> shown) =>
        string.Join(" ", Fields.Where(f => !shown.Contains(f.Key)).Select(f => $"{f.Key}: {f.Value}").Prepend(Text));

    private static Dictionary<string, string> FieldErrors(Problem problem) =>
        problem.AdditionalData.TryGetValue("errors", out var errors) && errors is UntypedObject fields
            ? fields.GetValue().ToDictionary(f => f.Key, f => string.Join(" ", Texts(f.Value)))
            : [];

    private static IEnumerable<string> Texts(UntypedNode node) =>
        node switch
        {
            UntypedString text => [text.GetValue() ?? ""],
            UntypedArray items => items.GetValue().SelectMany(Texts),
            _ => [],
        };
}
