using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Tests.Support;
using static System.Net.HttpStatusCode;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// Every <c>/api/v1</c> route and what each caller may do there, as the contract's section Authentication says:
/// the province admin everything; a commune portal the register and the catalogue, the rest in its own communes only,
/// with another commune's bookings and requests answering 404 as unknown ids do; Ops reads communes, help points,
/// sessions, stats and the rollout, never citizens' data; the province's stats and rollout are no portal's business.
/// </summary>
public static class AccessMatrix
{
    private const string V1 = "/api/v1";

    public static IReadOnlyList<MatrixRoute> Routes { get; } =
    [
        new("ListCommunes", HttpMethod.Get, $"{V1}/communes", AccessPolicy.AnyClient, OK, OK, OK, OK),
        new("GetCommune", HttpMethod.Get, $"{V1}/communes/{{communeCode}}", AccessPolicy.AnyClient, OK, OK, OK, OK),

        new("OpenHelpPoint", HttpMethod.Post, $"{V1}/communes/{{communeCode}}/help-points", AccessPolicy.CommuneWrite,
            Created, Forbidden, Created, Forbidden, Body: _ => Bodies.HelpPoint(2)),
        new("ListHelpPoints", HttpMethod.Get, $"{V1}/communes/{{communeCode}}/help-points", AccessPolicy.CommuneRead,
            OK, OK, OK, Forbidden),
        new("GetHelpPoint", HttpMethod.Get, $"{V1}/help-points/{{helpPointId}}", AccessPolicy.CommuneRead,
            OK, OK, OK, Forbidden),
        new("UpdateHelpPoint", HttpMethod.Put, $"{V1}/help-points/{{helpPointId}}", AccessPolicy.CommuneWrite,
            OK, Forbidden, OK, Forbidden, Body: _ => Bodies.HelpPoint(3)),
        new("AddClosure", HttpMethod.Post, $"{V1}/help-points/{{helpPointId}}/closures", AccessPolicy.CommuneWrite,
            Created, Forbidden, Created, Forbidden, Body: scene => Bodies.Closure(scene.Today.AddDays(3))),

        new("ListSessions", HttpMethod.Get, $"{V1}/help-points/{{helpPointId}}/sessions", AccessPolicy.CommuneRead,
            OK, OK, OK, Forbidden,
            Query: scene => $"?from={GatewayTest.DateText(scene.SessionDate)}&to={GatewayTest.DateText(scene.SessionDate)}"),

        new("Book", HttpMethod.Post, $"{V1}/help-points/{{helpPointId}}/sessions/{{sessionId}}/bookings", AccessPolicy.CommuneWrite,
            Created, Forbidden, Created, Forbidden, Body: _ => Bodies.Booking(TestCitizens.NewIdNumber())),
        new("WalkIn", HttpMethod.Post, $"{V1}/help-points/{{helpPointId}}/sessions/{{sessionId}}/walk-ins", AccessPolicy.CommuneWrite,
            Created, Forbidden, Created, Forbidden, Body: _ => Bodies.WalkIn(TestCitizens.NewIdNumber()), Timing: SessionTiming.Running),
        new("GetBooking", HttpMethod.Get, $"{V1}/bookings/{{bookingId}}", AccessPolicy.CitizenData,
            OK, Forbidden, OK, NotFound, HiddenAs: "booking-not-found"),
        new("CancelBooking", HttpMethod.Delete, $"{V1}/bookings/{{bookingId}}", AccessPolicy.CitizenData,
            NoContent, Forbidden, NoContent, NotFound, HiddenAs: "booking-not-found"),
        new("CheckIn", HttpMethod.Post, $"{V1}/bookings/{{bookingId}}/check-in", AccessPolicy.CitizenData,
            OK, Forbidden, OK, NotFound, Timing: SessionTiming.Today, HiddenAs: "booking-not-found"),

        new("ListServices", HttpMethod.Get, $"{V1}/services", AccessPolicy.AnyClient, OK, OK, OK, OK),

        new("OpenRequest", HttpMethod.Post, $"{V1}/communes/{{communeCode}}/requests", AccessPolicy.CitizenData,
            Created, Forbidden, Created, Forbidden, Body: _ => Bodies.Request(TestCitizens.NewIdNumber())),
        new("ListRequests", HttpMethod.Get, $"{V1}/communes/{{communeCode}}/requests", AccessPolicy.CitizenData,
            OK, Forbidden, OK, Forbidden),
        new("GetRequest", HttpMethod.Get, $"{V1}/requests/{{requestId}}", AccessPolicy.CitizenData,
            OK, Forbidden, OK, NotFound, HiddenAs: "request-not-found"),
        new("UpdateRequestForm", HttpMethod.Put, $"{V1}/requests/{{requestId}}/form", AccessPolicy.CitizenData,
            OK, Forbidden, OK, NotFound, Body: _ => Bodies.BirthForm(), HiddenAs: "request-not-found"),
        new("SubmitRequest", HttpMethod.Post, $"{V1}/requests/{{requestId}}/submit", AccessPolicy.CitizenData,
            Accepted, Forbidden, Accepted, NotFound, HiddenAs: "request-not-found"),

        // A portal may look up anyone, and is shown its own communes only (see CommuneScopeTests).
        new("LookupCitizen", HttpMethod.Post, $"{V1}/citizens/lookup", AccessPolicy.CitizenLookup,
            OK, Forbidden, OK, OK, Body: scene => new { idNumber = scene.IdNumber }),

        new("GetCommuneStats", HttpMethod.Get, $"{V1}/communes/{{communeCode}}/stats", AccessPolicy.CommuneRead,
            OK, OK, OK, Forbidden),
        new("GetProvinceStats", HttpMethod.Get, $"{V1}/province/stats", AccessPolicy.ProvinceRead,
            OK, OK, Forbidden, Forbidden),

        // Stages move, and rollouts start, at the province admin's word only; a rollout of the scene's commune, which
        // has a help point, skips it.
        new("GetRolloutStage", HttpMethod.Get, $"{V1}/communes/{{communeCode}}/rollout-stage", AccessPolicy.CommuneRead,
            OK, OK, OK, Forbidden),
        new("MoveRolloutStage", HttpMethod.Put, $"{V1}/communes/{{communeCode}}/rollout-stage", AccessPolicy.ProvinceAdmin,
            OK, Forbidden, Forbidden, Forbidden, Body: _ => Bodies.RolloutStage("preparing", "Ma trận quyền / Access matrix")),
        new("GetRolloutTable", HttpMethod.Get, $"{V1}/province/rollout", AccessPolicy.ProvinceRead,
            OK, OK, Forbidden, Forbidden),
        new("StartRollout", HttpMethod.Post, $"{V1}/province/rollout", AccessPolicy.ProvinceAdmin,
            Accepted, Forbidden, Forbidden, Forbidden, Body: scene => Bodies.Rollout([scene.CommuneCode], Bodies.RolloutTemplate(1, communeOffice: false))),
        new("GetRolloutOperation", HttpMethod.Get, $"{V1}/province/rollout/operations/{{operationId}}", AccessPolicy.ProvinceRead,
            OK, OK, Forbidden, Forbidden, WithRolloutOperation: true),

        new("ReadAudit", HttpMethod.Get, $"{V1}/audit", AccessPolicy.ProvinceAdmin,
            OK, Forbidden, Forbidden, Forbidden, Query: scene => $"?communeCode={scene.CommuneCode}"),
    ];

    /// <summary>Every route × every caller, by a name that says what is expected: "Book × CommunePortal foreign → 403".</summary>
    public static IReadOnlyDictionary<string, (MatrixRoute Route, Caller Caller)> Cases { get; } =
        (from route in Routes from caller in Caller.All select (route, caller))
        .ToDictionary(pair => $"{pair.route.Name} × {pair.caller.Name} → {(int)pair.route.StatusFor(pair.caller)}", StringComparer.Ordinal);

    public static TheoryData<string> CaseNames => new(Cases.Keys);
}
