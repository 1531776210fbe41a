using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ProvincePlatform.Host.Dashboard;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>
/// The province dashboard's files over plain HTTP: served without a key (the page holds no data), each with its
/// content type, the strict Content-Security-Policy and the other security headers, revalidated by ETag; an unknown
/// file is a 404 problem like any other unknown path. The browser tests show the page working under that policy.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class DashboardPageTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    public static TheoryData<string, string> Files => new()
    {
        { "/dashboard", "text/html" },
        { "/dashboard/", "text/html" },
        { "/dashboard/index.html", "text/html" },
        { "/dashboard/dashboard.css", "text/css" },
        { "/dashboard/dashboard.js", "text/javascript" },
        { "/dashboard/charts.js", "text/javascript" },
    };

    public static TheoryData<string> Paths => [.. Files.Select(row => (string)row[0])];

    public static TheoryData<string> Scripts => ["/dashboard/dashboard.js", "/dashboard/charts.js"];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_is_served_without_a_key_with_its_content_type_in_utf8(string path, string mediaType)
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Each_file_carries_the_strict_content_security_policy_and_the_security_headers(string path)
    {
        using var anonymous = Gateway.ClientFor(null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control was {response.Headers.CacheControl}");
        Assert.False(response.Headers.ETag?.IsWeak ?? true, $"ETag was {response.Headers.ETag}");
    }

    [Fact]
    public async Task A_file_the_browser_already_has_is_304_by_its_ETag_and_a_changed_one_is_200()
    {
        using var anonymous = Gateway.ClientFor(null);
        using var first = await anonymous.GetAsync("/dashboard/dashboard.js");
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("No ETag on the first answer.");

        using var same = new HttpRequestMessage(HttpMethod.Get, "/dashboard/dashboard.js");
        same.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await anonymous.SendAsync(same);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/dashboard/dashboard.js");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-version\""));
        using var changed = await anonymous.SendAsync(other);
        using var another = await anonymous.GetAsync("/dashboard/charts.js");

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, another.Headers.ETag);
    }

    [Theory]
    [InlineData("/dashboard/missing.js")]
    [InlineData("/dashboard/Dashboard.js")]
    [InlineData("/dashboard/..%2Fappsettings.json")]
    [InlineData("/dashboard/DashboardPage.cs")]
    [InlineData("/dashboard/dashboard.js/more")]
    public async Task An_unknown_file_is_a_404_problem(string path)
    {
        using var anonymous = Gateway.ClientFor(null);

        await HttpJson.ReadProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_loads_only_its_own_files()
    {
        using var anonymous = Gateway.ClientFor(null);
        var html = await anonymous.GetStringAsync(DashboardPage.Path);

        // The policy would block them: the page must not need them.
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        var references = Reference().Matches(html).Select(match => match.Groups["url"].Value)
            .Where(url => !url.StartsWith("data:", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith(DashboardPage.Path + "/", reference, StringComparison.Ordinal);
            using var response = await anonymous.GetAsync(reference);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{reference} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_page_has_the_elements_people_and_tests_find_it_by()
    {
        using var anonymous = Gateway.ClientFor(null);
        var html = await anonymous.GetStringAsync(DashboardPage.Path);

        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        foreach (var id in new[]
                 {
                     "api-key", "sign-in", "sign-out", "status", "summary", "chart-rollout", "chart-weekly", "chart-utilisation",
                     "rollout-table", "from", "to", "refresh",
                 })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Matches("""<input id="api-key"[^>]*type="password""", html);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_scripts_never_turn_data_into_markup(string path)
    {
        using var anonymous = Gateway.ClientFor(null);
        var script = await anonymous.GetStringAsync(path);

        // Names from the register and figures from the API go in with textContent and setAttribute only.
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    /// <summary>A script element with a body instead of a src.</summary>
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();
}
