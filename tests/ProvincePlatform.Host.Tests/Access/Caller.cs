using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// Who calls in the authorization matrix, and in which commune the resources it is sent to live: a portal is tried
/// both on its own commune and on <see cref="TestClients.ForeignCommuneCode"/>, everyone else on its own.
/// </summary>
public sealed record Caller(string Name, TestClient? Client, string CommuneCode, bool SendsUnknownKey = false)
{
    public static Caller NoKey { get; } = new("no key", null, GatewayTest.CommuneCode);

    public static Caller UnknownKey { get; } = new("unknown key", null, GatewayTest.CommuneCode, SendsUnknownKey: true);

    public static Caller Admin { get; } = new("ProvinceAdmin", TestClients.Admin, GatewayTest.CommuneCode);

    public static Caller Ops { get; } = new("Ops", TestClients.Ops, GatewayTest.CommuneCode);

    public static Caller PortalOwn { get; } = new("CommunePortal own", TestClients.Portal, GatewayTest.CommuneCode);

    public static Caller PortalForeign { get; } = new("CommunePortal foreign", TestClients.Portal, TestClients.ForeignCommuneCode);

    public static IReadOnlyList<Caller> All { get; } = [NoKey, UnknownKey, Admin, Ops, PortalOwn, PortalForeign];

    /// <summary>An HTTP client that sends this caller's key: none, a well-formed one that no client has, or its own.</summary>
    public HttpClient ClientOf(GatewayFixture gateway)
    {
        var http = gateway.ClientFor(Client);
        if (SendsUnknownKey)
        {
            http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, ApiKeys.New());
        }

        return http;
    }

    public override string ToString() => Name;
}
