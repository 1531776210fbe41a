using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Host.Gateway;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// The OpenAPI schema of what the gateway's converters read. The schema generator describes a value read by a custom
/// converter as "anything", so with <see cref="GatewayStringJsonConverter"/> every string would lose its type; the
/// transformer gives it back, and says how local times and weekdays are written. Shown on a small app of its own
/// with the gateway's JSON options, so that both sides of the difference can be seen.
/// </summary>
public sealed class GatewayJsonSchemaTransformerTests
{
    public sealed record Probe(
        string Name,
        string? Note,
        IReadOnlyList<string> Tags,
        IReadOnlyDictionary<string, string> Form,
        TimeOnly? Start,
        IReadOnlyList<DayOfWeek> Days,
        RolloutStage Stage,
        HelpPointKind? Kind);

    [Fact]
    public async Task Strings_times_and_weekdays_have_their_schemas()
    {
        var probe = await ProbeSchemaAsync(withTransformer: true);
        var properties = probe.GetProperty("properties");

        Assert.Equal("\"string\"", properties.GetProperty("name").GetProperty("type").GetRawText());
        Assert.Equal("[\"null\",\"string\"]", Compact(properties.GetProperty("note").GetProperty("type")));
        Assert.Equal("string", properties.GetProperty("tags").GetProperty("items").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("form").GetProperty("additionalProperties").GetProperty("type").GetString());
        Assert.Equal("^([01][0-9]|2[0-3]):[0-5][0-9]$", properties.GetProperty("start").GetProperty("pattern").GetString());
        Assert.Equal(
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            properties.GetProperty("days").GetProperty("items").GetProperty("enum").EnumerateArray().Select(day => day.GetString()));
    }

    [Fact]
    public async Task Enums_keep_their_values_as_the_contract_names_them()
    {
        var (probe, schemas) = await ProbeSchemasAsync(withTransformer: true);
        var properties = probe.GetProperty("properties");

        Assert.Equal(["notStarted", "preparing", "piloting", "active", "paused"], EnumOf(properties.GetProperty("stage"), schemas));
        Assert.Equal(["communeOffice", "villageHouse", "other"], EnumOf(properties.GetProperty("kind"), schemas));
        Assert.Contains(
            properties.GetProperty("kind").GetProperty("oneOf").EnumerateArray(),
            option => option.TryGetProperty("type", out var type) && type.GetString() == "null");
    }

    [Fact]
    public async Task Without_the_transformer_the_converter_hides_the_type_of_strings()
    {
        var probe = await ProbeSchemaAsync(withTransformer: false);

        Assert.False(probe.GetProperty("properties").GetProperty("name").TryGetProperty("type", out _));
    }

    /// <summary>The schema of <see cref="Probe"/> in the OpenAPI document of an app that reads it as a body.</summary>
    private static async Task<JsonElement> ProbeSchemaAsync(bool withTransformer) => (await ProbeSchemasAsync(withTransformer)).Probe;

    /// <summary>The schema of <see cref="Probe"/>, and the document's schemas that it may refer to.</summary>
    private static async Task<(JsonElement Probe, JsonElement Schemas)> ProbeSchemasAsync(bool withTransformer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.Services.Configure<JsonOptions>(options => GatewayJson.Configure(options.SerializerOptions));
        // Through a method group: the OpenAPI package's source generator intercepts direct calls, which this project
        // does not enable.
        Func<IServiceCollection, Action<OpenApiOptions>, IServiceCollection> addOpenApi = OpenApiServiceCollectionExtensions.AddOpenApi;
        addOpenApi(builder.Services, options =>
        {
            if (withTransformer)
            {
                options.AddSchemaTransformer<GatewayJsonSchemaTransformer>();
            }
        });
        await using var app = builder.Build();
        app.MapOpenApi();
        app.MapPost("/probe", (Probe probe) => TypedResults.Ok(probe));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var document = await HttpJson.ReadAsync(await http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
            var schemas = document.GetProperty("components").GetProperty("schemas");
            return (schemas.GetProperty(nameof(Probe)), schemas);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>The values of an enum schema, given in place, by reference, or as the one option of a nullable that is not null.</summary>
    private static IEnumerable<string?> EnumOf(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("oneOf", out var options))
        {
            schema = options.EnumerateArray().Single(option => !option.TryGetProperty("type", out var type) || type.GetString() != "null");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        Assert.True(schema.TryGetProperty("enum", out var values), $"No enum in {Compact(schema)}; schemas: {Compact(schemas)}");
        return values.EnumerateArray().Select(value => value.GetString());
    }
}
