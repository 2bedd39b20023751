namespace Tasklane.Infrastructure.Http;

/// <summary>
/// An example body for one response of an endpoint, shown in the OpenAPI document (<see cref="OpenApiSetup"/>): JSON for
/// JSON responses, text for others (an event stream).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseExampleAttribute(int statusCode, string example) : Attribute
{
    public int StatusCode { get; } = statusCode;

    public string Example { get; } = example;
}
