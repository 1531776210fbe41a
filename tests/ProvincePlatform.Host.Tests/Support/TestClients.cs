using System.Globalization;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>A client of the gateway as the tests configure it: a name, a role, its communes and its key.</summary>
public sealed record TestClient(string Name, GatewayRole Role, string[] Communes, int? PermitsPerMinute = null)
{
    public string Key => $"test-key-of-{Name}";

    public override string ToString() => Name;
}

/// <summary>The clients of the test host's <c>Gateway:Clients</c>.</summary>
public static class TestClients
{
    /// <summary>Phường Tân Thạnh, Tam Kỳ: a commune that <see cref="Portal"/> does not serve.</summary>
    public const string ForeignCommuneCode = "20335";

    public static TestClient Admin { get; } = new("province-it", GatewayRole.ProvinceAdmin, []);

    public static TestClient Ops { get; } = new("ops-team", GatewayRole.Ops, []);

    /// <summary>Đại Thạnh's portal: <see cref="GatewayTest.CommuneCode"/> only.</summary>
    public static TestClient Portal { get; } = new("dai-thanh-portal", GatewayRole.CommunePortal, [GatewayTest.CommuneCode]);

    /// <summary>A portal with a tiny rate limit, for the rate limit's own tests.</summary>
    public static TestClient Throttled { get; } = new("throttled-kiosk", GatewayRole.CommunePortal, [GatewayTest.CommuneCode], PermitsPerMinute: 5);

    public static IReadOnlyList<TestClient> All { get; } = [Admin, Ops, Portal, Throttled];

    /// <summary>
    /// <c>Gateway:Clients</c> as a host reads it from configuration, with fingerprints only; everyone but
    /// <see cref="Throttled"/> may send far more than any test does.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Gateway:RateLimit:PermitsPerMinute", "10000000");
        yield return new("Gateway:RateLimit:AnonymousPermitsPerMinute", "10000000");
        for (var i = 0; i < All.Count; i++)
        {
            var client = All[i];
            var at = $"Gateway:Clients:{i}:";
            yield return new(at + "Name", client.Name);
            yield return new(at + "KeySha256", ApiKeys.Sha256(client.Key));
            yield return new(at + "Role", client.Role.ToString());
            for (var c = 0; c < client.Communes.Length; c++)
            {
                yield return new(at + $"Communes:{c}", client.Communes[c]);
            }

            if (client.PermitsPerMinute is { } permits)
            {
                yield return new(at + "PermitsPerMinute", permits.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
