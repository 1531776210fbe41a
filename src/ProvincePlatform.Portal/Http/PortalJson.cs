using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Portal.Http;

/// <summary>The portal's JSON: camelCase names, enums as camelCase strings, required fields required.</summary>
public static class PortalJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the portal's conventions to options that someone else owns, such as ASP.NET Core's.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>The body of <c>POST /dossiers/{receipt}/supplements</c>.</summary>
/// <param name="ClientReference">The supplement's own reference, by which the portal can be asked whether it holds it.</param>
public sealed record PortalSupplementRequest(string ClientReference, IReadOnlyDictionary<string, string> Form);
