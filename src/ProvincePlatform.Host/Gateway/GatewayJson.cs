using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Host.Gateway;

public static class GatewayJson
{
    /// <summary>An enum value as the contract spells it, for query strings: <c>supplementRequested</c>.</summary>
    public static string EnumName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// The contract's JSON: camelCase names and enum values, nulls left out, and strict reading: an unknown or
    /// repeated property, a number where a string belongs, an enum value the contract does not name or text that
    /// breaks the rules of <see cref="GatewayText"/> is an error; text that passes is read in NFC.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = 16;
        options.Converters.Add(new GatewayStringJsonConverter());
        options.Converters.Add(new WeekdayJsonConverter());
        options.Converters.Add(new LocalTimeJsonConverter());
        options.Converters.Add(new GatewayEnumJsonConverter());
    }
}
