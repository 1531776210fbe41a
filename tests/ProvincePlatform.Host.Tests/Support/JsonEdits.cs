using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>Takes a valid body to an invalid one, one member at a time, by the path the gateway's errors name.</summary>
public static partial class JsonEdits
{
    /// <summary>A body object serialized as the tests send it, ready to be edited.</summary>
    public static JsonObject ToObject(object body) => (JsonObject)JsonSerializer.SerializeToNode(body, HttpJson.Options)!;

    /// <summary>Sets the member or array item at a path like <c>openingHours[0].days[1]</c>; null JSON removes it.</summary>
    public static void Change(JsonObject body, string path, string? json)
    {
        var steps = PathStep().Matches(path).Select(match => match.Groups["name"].Success
            ? (Name: match.Groups["name"].Value, Index: -1)
            : (Name: string.Empty, Index: int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture))).ToList();
        JsonNode parent = body;
        foreach (var (name, index) in steps.SkipLast(1))
        {
            parent = (index < 0 ? parent[name] : parent[index]) ?? throw new InvalidOperationException($"Nothing at {name}{index} in {path}");
        }

        var (lastName, lastIndex) = steps[^1];
        var value = json is null ? null : JsonNode.Parse(json);
        if (lastIndex >= 0)
        {
            parent[lastIndex] = value;
        }
        else if (json is null)
        {
            parent.AsObject().Remove(lastName);
        }
        else
        {
            parent[lastName] = value;
        }
    }

    /// <summary>Text as a JSON string literal.</summary>
    public static string Quoted(string text) => JsonSerializer.Serialize(text);

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
