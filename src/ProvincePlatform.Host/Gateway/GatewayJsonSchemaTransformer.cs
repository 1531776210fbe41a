using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// Gives the OpenAPI document back the schemas that the gateway's own JSON converters hide from it. The schema
/// generator describes a value read by a custom converter as "anything" (<c>{}</c>): without this transformer every
/// string, read through <see cref="GatewayStringJsonConverter"/>, would lose its type, enums (read through
/// <see cref="GatewayEnumJsonConverter"/>) their values, and local times and weekdays would not say how they are
/// written. Register it with <c>AddOpenApi(options => options.AddSchemaTransformer&lt;GatewayJsonSchemaTransformer&gt;())</c>.
/// </summary>
public sealed class GatewayJsonSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly string[] s_weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var typeInfo = context.JsonTypeInfo;
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        var nullable = type != typeInfo.Type
            || (!type.IsValueType && context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true });
        Describe(schema, type, nullable);

        // The items of a list and the values of a dictionary are left out altogether, rather than described as "anything".
        if (typeInfo.ElementType is { } elementType && Describe(new OpenApiSchema(), elementType, nullable: false) is { } element)
        {
            if (typeInfo.Kind == JsonTypeInfoKind.Enumerable)
            {
                schema.Items ??= element;
            }
            else if (typeInfo.Kind == JsonTypeInfoKind.Dictionary)
            {
                schema.AdditionalProperties ??= element;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Describes a value of one of the types the gateway's converters read; null for any other type.</summary>
    private static OpenApiSchema? Describe(OpenApiSchema schema, Type type, bool nullable)
    {
        var text = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        if (type == typeof(string))
        {
            schema.Type = text;
        }
        else if (type == typeof(TimeOnly))
        {
            schema.Type = text;
            schema.Format = null;
            schema.Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
        }
        else if (type == typeof(DayOfWeek))
        {
            schema.Type = text;
            schema.Enum = [.. s_weekdays.Select(day => (JsonNode)day)];
        }
        else if (type.IsEnum)
        {
            // As the generator describes an enum read by JsonStringEnumConverter: a schema of its own, which a nullable
            // member refers to beside null.
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(name))];
        }
        else
        {
            return null;
        }

        return schema;
    }
}
