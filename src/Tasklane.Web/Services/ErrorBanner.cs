using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Problem = Tasklane.Client.Models.ProblemDetails;

namespace Tasklane.Web.Services;

/// <summary>The one error line under the header: what the last action that failed says (a ProblemDetails from the API, mostly).</summary>
public sealed class ErrorBanner
{
    public string? Message { get; private set; }

    public event Action? Changed;

    public void Show(string? message)
    {
        if (message != Message)
        {
            Message = message;
            Changed?.Invoke();
        }
    }

    /// <summary>Runs a user's action: clears the banner, and shows what went wrong if it fails. A cancelled action says nothing.</summary>
    public async Task RunAsync(Func<Task> action)
    {
        try
        {
            Show(null);
            await action();
        }
        catch (OperationCanceledException)
        {
            // The view it was for is gone.
        }
        catch (Exception error)
        {
            Show(Describe(error));
        }
    }

    /// <summary>"Title — detail — field: message; …" for a problem; the status for another API error; the message otherwise.</summary>
    public static string Describe(Exception error) =>
        error switch
        {
            Problem problem => string.Join(
                " — ",
                new[] { problem.Title ?? $"HTTP {problem.ResponseStatusCode}", problem.Detail, FieldErrors(problem) }.Where(part =>
                    !string.IsNullOrEmpty(part)
                )
            ),
            ApiException api => $"HTTP {api.ResponseStatusCode}",
            _ => error.Message,
        };

    /// <summary>A validation problem's <c>errors</c> ({"field": ["message", …]}), which the typed client keeps as untyped data.</summary>
    private static string? FieldErrors(Problem problem) =>
        problem.AdditionalData.TryGetValue("errors", out var errors) && errors is UntypedObject fields
            ? string.Join("; ", fields.GetValue().Select(f => $"{f.Key}: {string.Join(" ", Texts(f.Value))}"))
            : null;

    private static IEnumerable<string> Texts(UntypedNode node) =>
        node switch
        {
            UntypedString text => [text.GetValue() ?? ""],
            UntypedArray items => items.GetValue().SelectMany(Texts),
            _ => [],
        };
}
