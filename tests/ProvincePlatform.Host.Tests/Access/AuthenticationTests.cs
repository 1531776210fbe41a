using System.Net;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// Who the gateway takes a request to be from: exactly one <c>X-Api-Key</c> header with a configured key, or no one,
/// which is 401 with a challenge naming the scheme on every API route and fine on the operations routes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string ApiRoute = "/api/v1/services";

    public static TheoryData<string> UnknownKeys => new()
    {
        ApiKeys.New(),
        // Near misses of a real key, and the fingerprint that configuration holds in place of one.
        TestClients.Admin.Key.ToUpperInvariant(),
        TestClients.Admin.Key + "x",
        ApiKeys.Sha256(TestClients.Admin.Key),
    };

    [Fact]
    public async Task A_request_without_a_key_is_401_with_a_challenge_and_the_unauthorized_problem()
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(ApiRoute);

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public async Task An_unknown_key_is_401_and_never_echoed(string key)
    {
        using var http = Gateway.ClientFor(null);
        http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key);

        using var response = await http.GetAsync(ApiRoute);

        await AssertUnauthorizedAsync(response);
        Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), header =>
            header.Value.Any(value => value.Contains(key, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task An_empty_key_is_401()
    {
        using var response = await RawHttp.GetAsync(Gateway.BaseAddress, ApiRoute, (ApiKeys.HeaderName, string.Empty));

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("province-it", "province-it")]
    [InlineData("province-it", "dai-thanh-portal")]
    public async Task Two_key_headers_are_401_even_when_both_keys_are_known(string first, string second)
    {
        var keyOf = TestClients.All.ToDictionary(client => client.Name, client => client.Key);
        // The same request with one header is let in, so the 401 below is the second header's doing.
        using var once = await RawHttp.GetAsync(Gateway.BaseAddress, ApiRoute, (ApiKeys.HeaderName, keyOf[first]));
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);

        using var twice = await RawHttp.GetAsync(
            Gateway.BaseAddress, ApiRoute, (ApiKeys.HeaderName, keyOf[first]), (ApiKeys.HeaderName, keyOf[second]));

        await AssertUnauthorizedAsync(twice);
    }

    [Theory]
    [InlineData(ApiKeys.MaxLength + 1)]
    [InlineData(8_000)]
    public async Task A_key_longer_than_the_longest_key_is_401(int length)
    {
        using var http = Gateway.ClientFor(null);
        http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, TestClients.Admin.Key + new string('k', length - TestClients.Admin.Key.Length));

        using var response = await http.GetAsync(ApiRoute);

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task A_known_key_anywhere_but_the_X_Api_Key_header_is_401()
    {
        using var http = Gateway.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoute);
        request.Headers.TryAddWithoutValidation("Authorization", $"{ApiKeyAuthenticationHandler.SchemeName} {TestClients.Admin.Key}");

        using var inAuthorization = await http.SendAsync(request);
        using var inQuery = await http.GetAsync($"{ApiRoute}?apiKey={TestClients.Admin.Key}");

        await AssertUnauthorizedAsync(inAuthorization);
        await AssertUnauthorizedAsync(inQuery);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Operations_routes_need_no_key_and_are_not_refused_for_a_wrong_one(string uri)
    {
        using var anonymous = Gateway.ClientFor(null);
        using var wrongKey = Gateway.ClientFor(null);
        wrongKey.DefaultRequestHeaders.Add(ApiKeys.HeaderName, ApiKeys.New());

        using var withoutKey = await anonymous.GetAsync(uri);
        using var withWrongKey = await wrongKey.GetAsync(uri);

        Assert.Equal(HttpStatusCode.OK, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withWrongKey.StatusCode);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        await HttpJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == ApiKeyAuthenticationHandler.SchemeName);
    }
}
