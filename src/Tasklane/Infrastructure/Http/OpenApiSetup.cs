using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
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

    public static IServiceCollection AddTasklaneOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
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
            return Task.CompletedTask;
        });

        options.CreateSchemaReferenceId = OptionalSchema.ReferenceId;
        options.AddSchemaTransformer(OptionalSchema.TransformAsync);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo is { } property && Examples.TryGetValue(property.Name, out var example))
            {
                schema.Examples = [example.DeepClone()];
            }

            return Task.CompletedTask;
        });

        options.AddOperationTransformer(QueryParameterDocs.TransformAsync);

        // IResult says nothing about the body; endpoints returning it declare [ProducesResponseType] instead.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            foreach (var opaque in context.Description.SupportedResponseTypes.Where(r => r.Type == typeof(IResult)))
            {
                operation.Responses?.Remove(opaque.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var example in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseExampleAttribute>())
            {
                if (operation.Responses?.TryGetValue(example.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true)
                {
                    foreach (var (type, content) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    {
                        content.Example = type.Contains("json", StringComparison.Ordinal) ? JsonNode.Parse(example.Example) : JsonValue.Create(example.Example);
                    }
                }
            }

            return Task.CompletedTask;
        });
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
            chain.EndpointSummary = string.Concat(useCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        }

        chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest);
        chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
        chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
        chain.Metadata.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (chain.HttpMethods.Any(m => m is "POST" or "PATCH" or "PUT" or "DELETE"))
        {
            chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
            chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
            chain.Metadata.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            chain.Metadata.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        }
    }

    public static WebApplication MapTasklaneOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference("/docs", options => options.WithTitle("Tasklane API").WithOpenApiRoutePattern(DocumentPath));
        return app;
    }
}
