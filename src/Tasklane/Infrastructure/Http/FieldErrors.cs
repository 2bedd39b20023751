using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Tasklane.Infrastructure.Http;

/// <summary>Collects field errors; <see cref="ToProblem"/> answers 400 with all of them, or lets the request through.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>The answer to a body that is JSON <c>null</c> instead of an object.</summary>
    public static ProblemDetails MissingBody() => new FieldErrors().Add("body", "A JSON object is required.").ToProblem();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>Each of <paramref name="inner"/>'s errors, under <c>{field}.{its field}</c>: a part of the request checked on its own.</summary>
    public FieldErrors AddAll(string field, FieldErrors inner)
    {
        foreach (var (name, messages) in inner._errors)
        {
            foreach (var message in messages)
            {
                Add($"{field}.{name}", message);
            }
        }

        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        return MaxLength(field, value, maxLength);
    }

    public FieldErrors Check(string field, bool valid, string message) => valid ? this : Add(field, message);

    public FieldErrors MaxLength(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength ? Add(field, $"At most {maxLength} characters.") : this;

    public FieldErrors OneOf(string field, string? value, IReadOnlyCollection<string> allowed) =>
        value is not null && !allowed.Contains(value) ? Add(field, MustBeOneOf(allowed)) : this;

    /// <summary>An error when the field was sent as a name that is none of <typeparamref name="T"/>'s (read as <c>default</c>).</summary>
    public FieldErrors OneOf<T>(string field, T? value)
        where T : struct, ITextEnum<T> => value is { IsDefined: false } ? Add(field, MustBeOneOf(TextEnum.Names<T>())) : this;

    /// <summary>An error when the field was sent as a name that is none of <paramref name="names"/> (read as an undefined value).</summary>
    public FieldErrors OneOf<T>(string field, T? value, IReadOnlyCollection<string> names)
        where T : struct, Enum => value is { } v && !Enum.IsDefined(v) ? Add(field, MustBeOneOf(names)) : this;

    private static string MustBeOneOf(IEnumerable<string> allowed) => $"Must be one of: {string.Join(", ", allowed)}.";

    public ProblemDetails ToProblem() =>
        _errors.Count == 0
            ? WolverineContinue.NoProblems
            : new HttpValidationProblemDetails(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid",
                Detail = "See 'errors' for the fields to fix.",
            };
}
