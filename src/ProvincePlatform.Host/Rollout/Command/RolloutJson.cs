using System.Text.Json;
using System.Text.Json.Serialization;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The contract's JSON as the command writes and reads it. Reading a template file is strict (a misspelt member or a
/// missing one is an error here, not a silently smaller rollout); reading the gateway's answers is lenient, so a
/// member the gateway adds later does not break a command already installed.
/// </summary>
public static class RolloutJson
{
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    public static JsonSerializerOptions Lenient { get; } = Create(strict: false);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = strict,
            RespectRequiredConstructorParameters = strict,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new WeekdayJsonConverter());
        options.Converters.Add(new LocalTimeJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
