namespace ProvincePlatform.Host.Access;

/// <summary>
/// One entry of <c>Gateway:Clients</c> as configuration spells it (so <c>Gateway__Clients__0__Name</c> works);
/// <see cref="GatewayClients.From"/> checks it and turns it into a <see cref="GatewayClient"/>.
/// </summary>
public sealed class GatewayClientSettings
{
    public string? Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key; <c>dotnet run --project src/ProvincePlatform.Host -- keys new</c> makes both.</summary>
    public string? KeySha256 { get; set; }

    public string? Role { get; set; }

    /// <summary>For commune portals: the codes of the communes the client serves.</summary>
    public List<string> Communes { get; set; } = [];

    /// <summary>This client's own rate limit, over <see cref="GatewayClients.DefaultPermitsPerMinute"/>.</summary>
    public int? PermitsPerMinute { get; set; }
}
