using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// Every string a body holds, member values, list items, dictionary values and dictionary keys alike, read through
/// <see cref="GatewayText"/>: refused (as a <see cref="JsonException"/>, which the gateway answers with a 400 naming
/// the member) when it breaks its rules, else in NFC. Writing is the serializer's own: what the gateway sends is left
/// as it is. The messages never hold the text, which may be personal data.
/// </summary>
public sealed class GatewayStringJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Checked(reader.GetString()!)
            : throw new JsonException("Expected a string.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Checked(string text) =>
        GatewayText.TryNormalize(text, out var normalized) ? normalized : throw new JsonException(GatewayText.Rule);
}
