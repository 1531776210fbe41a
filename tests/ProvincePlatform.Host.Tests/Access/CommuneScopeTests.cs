using System.Net;
using System.Text.Json;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.Requests;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// What a commune portal is shown of other communes: a citizen's footprint there is left out of a lookup, and their
/// bookings and requests answer exactly as ids that do not exist, so that not even their existence leaks.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CommuneScopeTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const string Lookup = "/api/v1/citizens/lookup";

    public static TheoryData<string> HiddenRoutes =>
        new(AccessMatrix.Routes.Where(route => route.HiddenAs is not null).Select(route => route.Name));

    [Fact]
    public async Task A_portals_lookup_shows_the_citizen_in_its_own_communes_only()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var session = SessionId(Today.AddDays(1));
        var ownBooking = await BookAsync(await OpenHelpPointAsync(2), session, idNumber);
        var foreignHelpPoint = await OpenHelpPointInAsync(TestClients.ForeignCommuneCode, Bodies.HelpPoint(2));
        var foreignBooking = await BookAsync(foreignHelpPoint, session, idNumber);
        var ownRequest = await OpenDraftAsync(idNumber);
        var foreignRequest = await OpenDraftAsync(idNumber, communeCode: TestClients.ForeignCommuneCode);
        var own = new[] { (await HttpJson.ReadAsync(ownBooking, HttpStatusCode.Created)).Text("id"), ownRequest };
        var foreign = new[] { (await HttpJson.ReadAsync(foreignBooking, HttpStatusCode.Created)).Text("id"), foreignRequest };
        using var portal = Gateway.ClientFor(TestClients.Portal);

        var seenByAdmin = await LookUpAsync(Http, idNumber);
        var seenByPortal = await LookUpAsync(portal, idNumber);

        Assert.Equal(new[] { own[0], foreign[0] }.Order(StringComparer.Ordinal), IdsOf(seenByAdmin, "bookings"));
        Assert.Equal(new[] { own[1], foreign[1] }.Order(StringComparer.Ordinal), IdsOf(seenByAdmin, "requests"));
        Assert.Equal([own[0]], IdsOf(seenByPortal, "bookings"));
        Assert.Equal([own[1]], IdsOf(seenByPortal, "requests"));
        Assert.DoesNotContain(TestClients.ForeignCommuneCode, seenByPortal.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_portals_lookup_of_a_citizen_known_only_elsewhere_is_empty()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var foreignHelpPoint = await OpenHelpPointInAsync(TestClients.ForeignCommuneCode, Bodies.HelpPoint(2));
        await HttpJson.ReadAsync(await BookAsync(foreignHelpPoint, SessionId(Today.AddDays(1)), idNumber), HttpStatusCode.Created);
        await OpenDraftAsync(idNumber, communeCode: TestClients.ForeignCommuneCode);
        using var portal = Gateway.ClientFor(TestClients.Portal);

        var seen = await LookUpAsync(portal, idNumber);

        Assert.Empty(IdsOf(seen, "bookings"));
        Assert.Empty(IdsOf(seen, "requests"));
    }

    [Theory]
    [MemberData(nameof(HiddenRoutes))]
    public async Task Another_communes_booking_or_request_answers_as_an_unknown_id(string routeName)
    {
        var route = AccessMatrix.Routes.Single(candidate => candidate.Name == routeName);
        var scene = await Scene.PrepareAsync(Gateway, TestClients.ForeignCommuneCode, route.Timing);
        var unknown = scene with
        {
            BookingId = BookingIds.New(scene.HelpPointId),
            RequestId = RequestIds.New(scene.CommuneCode),
        };
        using var portal = Gateway.ClientFor(TestClients.Portal);

        var existing = await ProblemAsync(portal, route.RequestTo(scene));
        var unknownToPortal = await ProblemAsync(portal, route.RequestTo(unknown));
        var unknownToAdmin = await ProblemAsync(Http, route.RequestTo(unknown));

        Assert.Equal(unknownToAdmin, existing);
        Assert.Equal(unknownToAdmin, unknownToPortal);
    }

    private static async Task<JsonElement> LookUpAsync(HttpClient http, string idNumber) =>
        await HttpJson.ReadAsync(await http.PostAsync(Lookup, HttpJson.Content(new { idNumber })), HttpStatusCode.OK);

    private static string[] IdsOf(JsonElement found, string list) =>
        [.. found.GetProperty(list).EnumerateArray().Select(item => item.Text("id")).Order(StringComparer.Ordinal)];

    /// <summary>A 404 problem document without its trace id, which differs from one answer to the next.</summary>
    private static async Task<string> ProblemAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            var problem = await HttpJson.ReadProblemAsync(await http.SendAsync(request), HttpStatusCode.NotFound);
            return string.Join(", ", problem.EnumerateObject().Where(member => member.Name != "traceId").Select(member => $"{member.Name}={member.Value}"));
        }
    }
}
