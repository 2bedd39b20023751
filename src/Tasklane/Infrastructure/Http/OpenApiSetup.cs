using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// The OpenAPI document (/openapi/v1.json, checked in as docs/openapi.json) and the interactive
/// reference at /docs. Every endpoint documents the ProblemDetails answers it can give.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddTasklaneOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info = new OpenApiInfo
                    {
                        Title = "Tasklane API",
                        Version = "v1",
                        Description = "Workspaces, projects and tasks. Errors are RFC 9457 ProblemDetails; lists use keyset pagination.",
                    };
                    document.Servers = [];
                    var components = document.Components ??= new OpenApiComponents();
                    components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                    components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "A session token from POST /api/v1/auth/login or a personal API token.",
                    };
                    document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                    document.Components.Schemas?.Remove(nameof(IResult));
                    DeclareRateLimitHeaders(document);
                    OptionalSchema.ReferToEnums(document);
                    return Task.CompletedTask;
                }
            );

            options.CreateSchemaReferenceId = OptionalSchema.ReferenceId;
            options.AddSchemaTransformer(OptionalSchema.TransformAsync);
            options.AddSchemaTransformer(
                (schema, context, _) =>
                {
                    // Only on Tasklane's own records: ProblemDetails has a "title" and a "status" too.
                    if (
                        context.JsonPropertyInfo is { } property
                        && property.DeclaringType.Namespace?.StartsWith("Tasklane", StringComparison.Ordinal) == true
                        && Examples.TryGetValue(property.Name, out var example)
                    )
                    {
                        schema.Examples = [example.DeepClone()];
                    }

                    SchemaBounds.Apply(schema, context);
                    if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)))
                    {
                        foreach (
                            var (name, max) in (ReadOnlySpan<(string, int)>)
                                [
                                    ("type", ErrorHandling.ProblemTextMax),
                                    ("title", ErrorHandling.ProblemTextMax),
                                    ("detail", ErrorHandling.ProblemTextMax),
                                    ("instance", ErrorHandling.ProblemInstanceMax),
                                ]
                        )
                        {
                            if (
                                schema.Properties is { } properties
                                && properties.TryGetValue(name, out var found)
                                && found is OpenApiSchema text
                            )
                            {
                                text.MaxLength = max;
                            }
                        }
                    }

                    return Task.CompletedTask;
                }
            );

            options.AddOperationTransformer(QueryParameterDocs.TransformAsync);

            // IResult says nothing about the body; endpoints returning it declare [ProducesResponseType] instead.
            options.AddOperationTransformer(
                (operation, context, _) =>
                {
                    // Register and login are open to anyone: one empty requirement says "no credentials needed" explicitly
                    // (an empty list would only say "none declared").
                    if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                    {
                        operation.Security = [new OpenApiSecurityRequirement()];
                    }

                    foreach (var limit in context.Description.ActionDescriptor.EndpointMetadata.OfType<ParameterMaxLength>())
                    {
                        if (operation.Parameters?.FirstOrDefault(p => p.Name == limit.Name)?.Schema is OpenApiSchema schema)
                        {
                            schema.MaxLength ??= limit.Length;
                        }
                    }

                    foreach (var opaque in context.Description.SupportedResponseTypes.Where(r => r.Type == typeof(IResult)))
                    {
                        operation.Responses?.Remove(opaque.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    foreach (var example in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseExampleAttribute>())
                    {
                        if (
                            operation.Responses?.TryGetValue(
                                example.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                out var response
                            ) == true
                        )
                        {
                            foreach (var (type, content) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                            {
                                if (type.Contains("json", StringComparison.Ordinal))
                                {
                                    content.Example = JsonNode.Parse(example.Example);
                                }
                                else
                                {
                                    // A text example (an event stream) is no instance of the schema, which describes each event's
                                    // data; it goes into the description, where it is not checked against that schema.
                                    response.Description += $"\n\nExample ({type}):\n\n```\n{example.Example}```";
                                }
                            }
                        }
                    }

                    return Task.CompletedTask;
                }
            );
        });

    // Example values by property name, so the reference page shows requests that would succeed.
    private static readonly Dictionary<string, JsonNode> Examples = new(StringComparer.Ordinal)
    {
        ["email"] = "ann@example.com",
        ["password"] = "correct horse battery",
        ["displayName"] = "Ann Example",
        ["name"] = "Website relaunch",
        ["title"] = "Write the launch announcement",
        ["description"] = "Draft in **markdown**; link the press kit.",
        ["status"] = "in_progress",
        ["priority"] = "high",
        ["dueAt"] = "2027-01-31T17:00:00Z",
    };

    /// <summary>
    /// Names each operation after its use case (Features.Tasks.CreateTask → tag "Tasks", operation "CreateTask")
    /// and adds the error answers every endpoint can give.
    /// </summary>
    public static void Describe(HttpChain chain)
    {
        var ns = chain.Method.HandlerType.Namespace?.Split('.') ?? [];
        if (ns is [.., "Features", var area, var useCase])
        {
            chain.Metadata.WithName(useCase).WithTags(area);
            chain.EndpointSummary = string.Concat(
                useCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString())
            );
        }

        // The framework maps [MaxLength] on record properties, not on an endpoint's own route or query parameters.
        foreach (var parameter in chain.Method.Method.GetParameters())
        {
            if (parameter.Name is { } name && parameter.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
            {
                chain.Metadata.WithMetadata(new ParameterMaxLength(name, maxLength.Length));
            }
        }

        chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest);
        chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
        chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
        chain.Metadata.ProducesProblem(StatusCodes.Status429TooManyRequests);
        chain.Metadata.ProducesProblem(StatusCodes.Status500InternalServerError);
        chain.Metadata.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (chain.HttpMethods.Any(m => m is "POST" or "PATCH" or "PUT" or "DELETE"))
        {
            chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
            chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
            chain.Metadata.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            chain.Metadata.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        }
    }

    /// <summary>
    /// The RateLimit-* headers (<see cref="RateLimiting"/>) on every 2xx and 4xx answer, and Retry-After on 429. They are
    /// not required: a request the limiter did not count (limits off, Redis unreachable) has none.
    /// </summary>
    private static void DeclareRateLimitHeaders(OpenApiDocument document)
    {
        var headers = document.Components!.Headers ??= new Dictionary<string, IOpenApiHeader>();
        headers[RateLimiting.LimitHeader] = Header(
            "Requests the caller's rate-limit window allows (per user, or per client IP on register and login).",
            1
        );
        headers[RateLimiting.RemainingHeader] = Header("Requests left in the caller's window after this one.", 0);
        headers[RateLimiting.ResetHeader] = Header("Seconds until the caller's window ends and the count starts again.", 1);
        headers[RetryAfter] = Header("Seconds to wait before retrying.", 1);

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (response is not OpenApiResponse concrete || status[0] is not ('2' or '4'))
                {
                    continue;
                }

                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                foreach (
                    var name in status == "429"
                        ? [RateLimiting.LimitHeader, RateLimiting.RemainingHeader, RateLimiting.ResetHeader, RetryAfter]
                        : RateLimitHeaders
                )
                {
                    concrete.Headers[name] = new OpenApiHeaderReference(name, document);
                }
            }
        }

        static OpenApiHeader Header(string description, int minimum) =>
            new()
            {
                Description = description,
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = minimum.ToString(CultureInfo.InvariantCulture),
                    Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture),
                },
            };
    }

    private sealed record ParameterMaxLength(string Name, int Length);

    private const string RetryAfter = "Retry-After";
    private static readonly string[] RateLimitHeaders = [RateLimiting.LimitHeader, RateLimiting.RemainingHeader, RateLimiting.ResetHeader];

    public static WebApplication MapTasklaneOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference("/docs", options => options.WithTitle("Tasklane API").WithOpenApiRoutePattern(DocumentPath));
        return app;
    }
}
