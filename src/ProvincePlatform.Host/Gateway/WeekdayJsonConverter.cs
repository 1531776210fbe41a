using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>Weekdays as the contract spells them: <c>mon tue wed thu fri sat sun</c>.</summary>
public sealed class WeekdayJsonConverter : JsonConverter<DayOfWeek>
{
    private static readonly string[] s_names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public override DayOfWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var index = reader.TokenType == JsonTokenType.String ? Array.IndexOf(s_names, reader.GetString()) : -1;
        return index >= 0 ? (DayOfWeek)index : throw new JsonException("Expected one of mon tue wed thu fri sat sun.");
    }

    public override void Write(Utf8JsonWriter writer, DayOfWeek value, JsonSerializerOptions options) =>
        writer.WriteStringValue(s_names[(int)value]);
}
