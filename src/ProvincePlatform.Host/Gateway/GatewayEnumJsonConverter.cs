using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// Enum values as the contract names them (camelCase), one value to a member. <see cref="JsonStringEnumConverter"/>
/// alone reads <c>"preparing, piloting"</c> as the bitwise combination of the two values, which for an enum that is
/// no set of flags may be a third value altogether (here <c>active</c>), so a list is refused before it reads the rest.
/// Hides the enum's schema from the OpenAPI generator, as every custom converter does;
/// <see cref="GatewayJsonSchemaTransformer"/> gives it back.
/// </summary>
public sealed class GatewayEnumJsonConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(SingleValueConverter<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class SingleValueConverter<T>(JsonConverter names) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            RefuseList(ref reader);
            return _names.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            RefuseList(ref reader);
            return _names.ReadAsPropertyName(ref reader, typeToConvert, options);
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _names.WriteAsPropertyName(writer, value, options);

        private static void RefuseList(ref Utf8JsonReader reader)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.GetString()!.Contains(',', StringComparison.Ordinal))
            {
                throw new JsonException($"Expected one {typeof(T).Name} value, not a list.");
            }
        }
    }
}
