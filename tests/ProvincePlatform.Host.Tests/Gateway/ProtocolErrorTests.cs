using System.Net;
using System.Text;
using ProvincePlatform.Host.Hosting;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Gateway;

/// <summary>What HTTP itself can get wrong: size, media type, route and method. Each is a problem document.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProtocolErrorTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var oversized = $"{{\"name\": \"{new string('x', ProvincePlatformHostExtensions.MaxRequestBodyBytes)}\"}}";
        Assert.True(Encoding.UTF8.GetByteCount(oversized) > 64 * 1024);

        await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw(oversized)),
            HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_booking_body_over_64_KiB_is_413()
    {
        var id = await OpenHelpPointAsync(2);
        var oversized = $"{{\"serviceCode\": \"{new string('x', 70_000)}\"}}";

        await HttpJson.ReadProblemAsync(
            await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(oversized)),
            HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        // Valid JSON of almost 64 KiB is read, and refused only for what it says: a name over 200 characters.
        var large = $"{{\"name\": \"{new string('x', ProvincePlatformHostExtensions.MaxRequestBodyBytes - 100)}\"}}";

        await HttpJson.ReadValidationProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw(large)), "name");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task A_body_that_is_not_JSON_by_content_type_is_415(string mediaType)
    {
        var id = await OpenHelpPointAsync(2);
        var json = HttpJson.Content(Bodies.Booking(TestCitizens.NewIdNumber()));
        var body = await json.ReadAsStringAsync();

        await HttpJson.ReadProblemAsync(
            await Http.PostAsync(BookingsOf(id, SessionId(Today.AddDays(1))), HttpJson.Raw(body, mediaType)),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await HttpJson.ReadProblemAsync(
            await Http.PostAsync($"/api/v1/communes/{CommuneCode}/help-points", HttpJson.Raw("{}", mediaType)),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing")]
    [InlineData("GET", "/api/v2/communes")]
    [InlineData("GET", "/api/v1/communes/20527/help-points/20527-1")]
    [InlineData("POST", "/api/v1/help-points")]
    [InlineData("GET", "/")]
    public async Task An_unknown_route_is_404(string method, string uri)
    {
        await HttpJson.ReadProblemAsync(
            await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri)), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/communes/20527")]
    [InlineData("PATCH", "/api/v1/bookings/20527-1-aaaaaaaaaa")]
    [InlineData("POST", "/api/v1/communes")]
    public async Task A_method_a_route_does_not_take_is_405(string method, string uri)
    {
        await HttpJson.ReadProblemAsync(
            await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri)), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
