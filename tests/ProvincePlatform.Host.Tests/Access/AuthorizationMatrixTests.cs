using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// Every API route against every kind of caller (<see cref="AccessMatrix"/>), each case on resources of its own, with
/// the exact status and, for every refusal, the problem document and a scene left as it was; and the host's own list of endpoints against the
/// matrix, so that a route added without a row, or without exactly one access policy, fails here.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationMatrixTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    public static TheoryData<string> Cases => AccessMatrix.CaseNames;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_what_the_contract_allows(string matrixCase)
    {
        var (route, caller) = AccessMatrix.Cases[matrixCase];
        var expected = route.StatusFor(caller);
        var scene = await Scene.PrepareAsync(Gateway, caller.CommuneCode, route.Timing, route.WithRolloutOperation);
        using var http = caller.ClientOf(Gateway);
        using var request = route.RequestTo(scene);
        var before = (int)expected >= 400 ? await scene.StateAsync(Gateway.Http) : null;

        using var response = await http.SendAsync(request);

        switch (expected)
        {
            case HttpStatusCode.Unauthorized:
                await HttpJson.ReadProblemAsync(response, expected, "unauthorized");
                Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == ApiKeyAuthenticationHandler.SchemeName);
                break;
            case HttpStatusCode.Forbidden:
                await HttpJson.ReadProblemAsync(response, expected, "forbidden");
                break;
            case HttpStatusCode.NotFound:
                await HttpJson.ReadProblemAsync(response, expected, route.HiddenAs);
                break;
            default:
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
                Assert.NotEqual(HttpJson.ProblemMediaType, response.Content.Headers.ContentType?.MediaType);
                break;
        }

        if (before is not null)
        {
            Assert.Equal(before, await scene.StateAsync(Gateway.Http));
        }
    }

    [Fact]
    public void Every_api_endpoint_has_a_matrix_row_and_exactly_one_access_policy()
    {
        var policies = typeof(AccessPolicy).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var rows = AccessMatrix.Routes.ToDictionary(route => route.Key, StringComparer.Ordinal);
        var endpoints = Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Endpoint: endpoint, Pattern: PatternOf(endpoint)))
            .Where(pair => pair.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            .ToList();

        var faults = new List<string>();
        foreach (var (endpoint, pattern) in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var key = $"{string.Join(",", methods)} {pattern}";
            // The API group asks for a known key (the default policy, unnamed); each route names its own policy.
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var named = authorize.Select(data => data.Policy).OfType<string>().ToList();
            if (!authorize.Any(data => data.Policy is null && data.Roles is null))
            {
                faults.Add($"{key} does not carry the API group's demand for a known key");
            }

            if (!rows.TryGetValue(key, out var row))
            {
                faults.Add($"{key} has no row in the authorization matrix");
            }
            else if (named is not [{ } policy] || !policies.Contains(policy))
            {
                faults.Add($"{key} names the policies [{string.Join(", ", named)}], not exactly one of AccessPolicy's");
            }
            else if (policy != row.Policy)
            {
                faults.Add($"{key} requires {policy}, the matrix says {row.Policy}");
            }

            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null)
            {
                faults.Add($"{key} is anonymous or carries a policy of its own");
            }
        }

        var mapped = endpoints.Select(pair => $"{string.Join(",", pair.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {pair.Pattern}");
        faults.AddRange(rows.Keys.Except(mapped, StringComparer.Ordinal).Select(key => $"{key} is in the matrix but not mapped"));
        Assert.NotEmpty(endpoints);
        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    /// <summary>The template as the matrix spells it: a group's <c>MapGet("/")</c> leaves a trailing slash.</summary>
    private static string PatternOf(RouteEndpoint endpoint) =>
        "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
}
