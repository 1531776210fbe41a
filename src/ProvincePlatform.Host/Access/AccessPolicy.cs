using Microsoft.AspNetCore.Authorization;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// The authorisation policies of the gateway, one per kind of route (contract section Authentication). Each route
/// names exactly one; a route that names none still needs a known key (the default policy, on the whole API).
/// </summary>
public static class AccessPolicy
{
    /// <summary>The commune register and the service catalogue: any client.</summary>
    public const string AnyClient = "any-client";

    /// <summary>Help points and sessions, read: province roles anywhere, a commune portal in its communes.</summary>
    public const string CommuneRead = "commune-read";

    /// <summary>Help points and bookings, changed: the province admin, or a commune portal in its communes.</summary>
    public const string CommuneWrite = "commune-write";

    /// <summary>
    /// Citizens' data addressed by commune, booking or request: the province admin, or a commune portal in its
    /// communes; a booking or request of another commune answers as if it did not exist.
    /// </summary>
    public const string CitizenData = "citizen-data";

    /// <summary>A citizen's footprint across communes: the province admin, or a commune portal (shown its communes only).</summary>
    public const string CitizenLookup = "citizen-lookup";

    /// <summary>Province-wide results and the rollout, read: the province admin and Ops, never a commune portal.</summary>
    public const string ProvinceRead = "province-read";

    /// <summary>Province-wide administration and the audit log.</summary>
    public const string ProvinceAdmin = "province-admin";

    private static readonly string[] s_everyRole = Enum.GetNames<GatewayRole>();
    private static readonly string[] s_writers = [nameof(GatewayRole.ProvinceAdmin), nameof(GatewayRole.CommunePortal)];
    private static readonly string[] s_provinceRoles = [nameof(GatewayRole.ProvinceAdmin), nameof(GatewayRole.Ops)];

    public static void AddTo(AuthorizationOptions options)
    {
        // The default policy, which the /api/v1 group requires of every route under it whatever else the route asks.
        // Not the fallback policy: that one also covers requests matching no endpoint, which would turn /docs and
        // unknown paths into 401s.
        options.DefaultPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        options.AddPolicy(AnyClient, policy => policy.RequireRole(s_everyRole));
        options.AddPolicy(CommuneRead, policy => policy.RequireRole(s_everyRole).AddRequirements(CommuneScopeRequirement.Instance));
        options.AddPolicy(CommuneWrite, policy => policy.RequireRole(s_writers).AddRequirements(CommuneScopeRequirement.Instance));
        options.AddPolicy(CitizenData, policy => policy.RequireRole(s_writers).AddRequirements(CommuneScopeRequirement.Instance));
        options.AddPolicy(CitizenLookup, policy => policy.RequireRole(s_writers));
        options.AddPolicy(ProvinceRead, policy => policy.RequireRole(s_provinceRoles));
        options.AddPolicy(ProvinceAdmin, policy => policy.RequireRole(nameof(GatewayRole.ProvinceAdmin)));
    }
}
