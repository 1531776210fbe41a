using System.Collections.Frozen;

namespace ProvincePlatform.Host.Access;

/// <summary>A configured client of the gateway, checked: who it is, what it may do, and where.</summary>
public sealed record GatewayClient(
    string Name,
    string KeySha256,
    GatewayRole Role,
    FrozenSet<string> Communes,
    int PermitsPerMinute)
{
    /// <summary>Whether the client may act in the commune: province roles anywhere, a commune portal in its own.</summary>
    public bool Serves(string communeCode) => Role != GatewayRole.CommunePortal || Communes.Contains(communeCode);
}
