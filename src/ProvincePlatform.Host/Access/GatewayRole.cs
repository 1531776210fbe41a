namespace ProvincePlatform.Host.Access;

/// <summary>What a client of the gateway is, and so what it may do (contract section Authentication).</summary>
public enum GatewayRole
{
    /// <summary>Province IT: everything.</summary>
    ProvinceAdmin,

    /// <summary>A commune's portal or kiosk: the register and the catalogue, everything else only in its communes.</summary>
    CommunePortal,

    /// <summary>Operations: reads communes, help points, sessions and stats; never citizens' data.</summary>
    Ops,
}
