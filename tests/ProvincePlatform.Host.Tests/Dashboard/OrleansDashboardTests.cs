using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Dashboard;

/// <summary>
/// The Orleans dashboard at <c>/ops/orleans/</c> by key: open to Ops and ProvinceAdmin, 403 to a commune portal, 401
/// without a key (a browser is sent to the sign-in page instead); the grain state and the log stream shut for everyone.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OrleansDashboardTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string Index = OrleansDashboardForOps.Path + "/";
    private const string Counters = OrleansDashboardForOps.Path + "/DashboardCounters";

    public static TheoryData<string> OpsClients => [TestClients.Ops.Name, TestClients.Admin.Name];

    public static TheoryData<string> Routes => [Index, Counters, OrleansDashboardForOps.Path + "/ClusterStats", OrleansDashboardForOps.Path + "/version"];

    [Theory]
    [MemberData(nameof(OpsClients))]
    public async Task Ops_and_the_province_admin_open_the_dashboard_page(string client)
    {
        using var http = Gateway.ClientFor(Client(client));

        using var response = await http.GetAsync(Index);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Orleans Dashboard</title>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpsClients))]
    public async Task Ops_and_the_province_admin_read_the_clusters_counters(string client)
    {
        using var http = Gateway.ClientFor(Client(client));

        var counters = await HttpJson.ReadAsync(await http.GetAsync(Counters), HttpStatusCode.OK);

        // The dashboard grain refreshes its counters once a second, so a first read may show none yet: the shape is the point.
        Assert.Equal(JsonValueKind.Array, counters.GetProperty("hosts").ValueKind);
        Assert.Equal(JsonValueKind.Number, counters.GetProperty("totalActivationCount").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_commune_portal_is_403(string route)
    {
        using var http = Gateway.ClientFor(TestClients.Portal);

        await HttpJson.ReadProblemAsync(await http.GetAsync(route), HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_key_it_is_401_with_the_challenge(string route)
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(route);

        await HttpJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == ApiKeyAuthenticationHandler.SchemeName);
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        using var http = Gateway.ClientFor(null);
        http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, ApiKeys.New());

        await HttpJson.ReadProblemAsync(await http.GetAsync(Counters), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_sign_in_page_and_back()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = Gateway.ClientFor(null, handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, Index + "?tab=grains");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{OperationsAccess.SignInPath}?returnUrl=%2Fops%2Forleans%2F%3Ftab%3Dgrains", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_commune_portals_browser_is_403_not_sent_to_sign_in()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = Gateway.ClientFor(TestClients.Portal, handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, Index);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        await HttpJson.ReadProblemAsync(await browser.SendAsync(request), HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(OpsClients))]
    public async Task Grain_state_which_holds_citizens_data_is_shut_even_to_the_province_admin(string client)
    {
        using var http = Gateway.ClientFor(Client(client));

        using var response = await http.GetAsync(
            $"{OrleansDashboardForOps.Path}/GrainState?grainId={CommuneCode}-1&grainType=ProvincePlatform.Grains.HelpPoints.HelpPointGrain");

        await HttpJson.ReadProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_live_log_stream_is_shut()
    {
        using var http = Gateway.ClientFor(TestClients.Admin);

        using var response = await http.GetAsync(OrleansDashboardForOps.Path + "/Trace", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void Every_operations_route_but_the_sign_in_demands_the_operations_policy_and_none_is_in_the_API_document()
    {
        var endpoints = Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith(OperationsAccess.PathPrefix + "/", StringComparison.Ordinal) == true)
            .ToList();
        string[] open = [OperationsAccess.SignInPath, OperationsAccess.SignOutPath];

        Assert.Contains(endpoints, endpoint => endpoint.RoutePattern.RawText!.StartsWith(OrleansDashboardForOps.Path + "/", StringComparison.Ordinal));
        Assert.All(endpoints, endpoint =>
        {
            var pattern = endpoint.RoutePattern.RawText!;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).ToList();
            Assert.True(open.Contains(pattern)
                    ? endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    : policies.Contains(OperationsAccess.PolicyName) && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null,
                $"{pattern}: policies [{string.Join(", ", policies)}]");
            Assert.NotNull(endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>());
        });
    }

    private static TestClient Client(string name) => TestClients.All.Single(client => client.Name == name);
}
