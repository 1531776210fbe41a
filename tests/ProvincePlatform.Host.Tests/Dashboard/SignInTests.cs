using System.Net;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Operations;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Dashboard;

/// <summary>
/// People open the dashboard in a browser, which cannot send a header: they sign in once with an Ops or ProvinceAdmin
/// key, and a session cookie (HttpOnly, SameSite=Strict, only for /ops) opens the dashboard and nothing else.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SignInTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string Counters = OrleansDashboardForOps.Path + "/DashboardCounters";

    [Fact]
    public async Task The_sign_in_page_is_a_form_for_the_key_that_no_other_site_may_frame()
    {
        using var browser = Browser(out _);

        using var response = await browser.GetAsync(OperationsAccess.SignInPath + "?returnUrl=%2Fops%2Forleans%2F%3Ftab%3Dgrains");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name=\"key\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"/ops/orleans/?tab=grains\"", html, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ops-team")]
    [InlineData("province-it")]
    public async Task Signing_in_with_an_ops_or_admin_key_opens_a_session_for_the_dashboard(string client)
    {
        using var browser = Browser(out var cookies);

        using var signedIn = await SignInAsync(browser, TestClients.All.Single(candidate => candidate.Name == client).Key, "/ops/orleans/?tab=grains");

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/ops/orleans/?tab=grains", signedIn.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(OperationsAccess.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/ops", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestClients.Ops.Key, setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Admin.Key, setCookie, StringComparison.Ordinal);

        using var page = await browser.GetAsync(OrleansDashboardForOps.Path + "/");
        using var data = await browser.GetAsync(Counters);
        using var signInPage = await browser.GetAsync(OperationsAccess.SignInPath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await HttpJson.ReadAsync(data, HttpStatusCode.OK);
        Assert.Contains($"<strong>{client}</strong>", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(cookies.GetCookies(new Uri(Gateway.BaseAddress, "/ops/")));
    }

    [Fact]
    public async Task The_session_opens_nothing_outside_the_operations_pages()
    {
        using var browser = Browser(out var cookies);
        using var signedIn = await SignInAsync(browser, TestClients.Admin.Key);
        var session = cookies.GetCookies(new Uri(Gateway.BaseAddress, "/ops/"))[OperationsAccess.CookieName]!;
        using var api = Gateway.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");

        using var response = await api.SendAsync(request);

        Assert.Empty(cookies.GetCookies(new Uri(Gateway.BaseAddress, "/api/v1/services")));
        await HttpJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_commune_portals_key_opens_no_session()
    {
        using var browser = Browser(out var cookies);

        using var refused = await SignInAsync(browser, TestClients.Portal.Key);
        using var data = await browser.GetAsync(Counters);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_opens_no_session_and_is_not_echoed()
    {
        using var browser = Browser(out _);
        var key = ApiKeys.New();

        using var refused = await SignInAsync(browser, key);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(key, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_posted_from_another_site_is_refused()
    {
        using var browser = Browser(out _);

        using var fromElsewhere = await SignInAsync(browser, TestClients.Ops.Key, origin: "https://attacker.example");

        await HttpJson.ReadProblemAsync(fromElsewhere, HttpStatusCode.Forbidden, "forbidden");
        Assert.False(fromElsewhere.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("//attacker.example/ops/")]
    [InlineData("/api/v1/audit")]
    [InlineData("/ops\\..\\evil")]
    public async Task After_signing_in_the_browser_goes_only_to_an_operations_page(string returnUrl)
    {
        using var browser = Browser(out _);

        using var signedIn = await SignInAsync(browser, TestClients.Ops.Key, returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal(OperationsSignIn.DefaultReturnUrl, signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = Browser(out _);
        using var signedIn = await SignInAsync(browser, TestClients.Ops.Key);
        using var before = await browser.GetAsync(Counters);

        using var signedOut = await browser.PostAsync(OperationsAccess.SignOutPath, new FormUrlEncodedContent([]));
        using var after = await browser.GetAsync(Counters);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal(OperationsAccess.SignInPath, signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>A browser: it keeps cookies, and shows redirects instead of following them.</summary>
    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
#pragma warning disable CA2000 // The client disposes of its handler.
        return Gateway.ClientFor(null, new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
#pragma warning restore CA2000
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key, string? returnUrl = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, OperationsAccess.SignInPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [OperationsSignIn.KeyField] = key,
                [OperationsSignIn.ReturnUrlField] = returnUrl ?? "",
            }),
        };
        request.Headers.Add("Origin", origin ?? browser.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await browser.SendAsync(request);
    }
}
