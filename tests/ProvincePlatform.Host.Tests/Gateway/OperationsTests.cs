using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Gateway;

/// <summary>The routes for people and machines that run the platform: health, the OpenAPI document, the docs.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OperationsTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task Health_checks_are_200_healthy()
    {
        var live = await Http.GetAsync("/health/live");
        var ready = await HttpJson.ReadAsync(await Http.GetAsync("/health/ready"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", ready.Text("status"));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_of_the_contract()
    {
        var response = await Http.GetAsync("/openapi/v1.json");
        var document = await HttpJson.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document.Text("openapi"), StringComparison.Ordinal);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        Assert.All(ContractRoutes.All, operation => Assert.Contains(operation, operations));
    }

    [Fact]
    public async Task The_OpenAPI_document_asks_for_the_API_key_on_every_API_operation_and_on_nothing_else()
    {
        using var anonymous = Gateway.ClientFor(null);
        var document = await HttpJson.ReadAsync(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.Text("type"));
        Assert.Equal("header", scheme.Text("in"));
        Assert.Equal("X-Api-Key", scheme.Text("name"));
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Operation: operation.Value)))
            .ToList();
        Assert.All(operations, pair => Assert.Equal(
            pair.Path.StartsWith("/api/v1/", StringComparison.Ordinal),
            pair.Operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _))));
    }

    [Fact]
    public async Task The_browsable_reference_is_served_at_docs_without_a_key()
    {
        using var anonymous = Gateway.ClientFor(null);
        var response = await anonymous.GetAsync("/docs/index.html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>ProvincePlatform API</title>", html, StringComparison.Ordinal);
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
    }
}
