using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// The query parameters of an endpoint that reads its query string itself (to answer repeated or odd values in its own
/// words), documented from a record whose properties are the parameters: each property's name, type, limits
/// (<see cref="RangeAttribute"/>, <see cref="MaxLengthAttribute"/>, <see cref="AllowedValuesAttribute"/>) and
/// <see cref="DescriptionAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QueryParametersAttribute(Type parameters) : Attribute
{
    public Type Parameters { get; } = parameters;
}

/// <summary>
/// Puts the query parameters' limits in the OpenAPI document. Wolverine describes a parameter by its type only, so the
/// limits come from the DataAnnotations on the endpoint's own parameters of that name (on any of its methods:
/// <c>Get</c>, <c>Validate</c>...), or on the properties of its <see cref="QueryParametersAttribute"/> record.
/// </summary>
public static class QueryParameterDocs
{
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor is not ControllerActionDescriptor { MethodInfo: var method })
        {
            return;
        }

        if (method.GetCustomAttribute<QueryParametersAttribute>() is { } declared)
        {
            operation.Parameters ??= [];
            foreach (var property in declared.Parameters.GetProperties())
            {
                var schema = await context.GetOrCreateSchemaAsync(property.PropertyType, null, ct);
                // A parameter is absent or has a value: there is no null in a query string.
                schema.Type &= ~JsonSchemaType.Null;
                SchemaBounds.Declared(schema, property.GetCustomAttributes());
                SchemaBounds.OneOf(schema, property.GetCustomAttribute<OneOfAttribute>());
                if (property.PropertyType.GetElementType() is { } item && SchemaBounds.EnumNames(item) is not null)
                {
                    schema.Items = new OpenApiSchemaReference(item.Name, context.Document);
                }

                operation.Parameters.Add(
                    new OpenApiParameter
                    {
                        Name = JsonNamingPolicy.CamelCase.ConvertName(property.Name),
                        In = ParameterLocation.Query,
                        Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description,
                        Schema = schema,
                    }
                );
            }
        }

        var parameters = method
            .DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SelectMany(m => m.GetParameters())
            .ToLookup(p => p.Name, StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (
                parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema schema }
                && parameters[parameter.Name].Any()
            )
            {
                SchemaBounds.Declared(schema, parameters[parameter.Name].SelectMany(p => p.GetCustomAttributes()));
            }
        }
    }
}
