using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Host.Gateway;

/// <summary>What every gateway handler may need, bundled so handler signatures show only the request.</summary>
public sealed class GatewayServices(
    IGrainFactory grains,
    CommuneDirectory directory,
    [FromKeyedServices(ProvinceClock.ServiceKey)] TimeProvider clock)
{
    public IGrainFactory Grains { get; } = grains;

    public CommuneDirectory Directory { get; } = directory;

    public TimeProvider Clock { get; } = clock;

    public DateOnly Today => VietnamTime.Today(Clock);

    /// <summary>The activity of communes: one call per province, never one per commune.</summary>
    public Task<Dictionary<string, CommuneActivity>> CommuneActivityAsync(IEnumerable<Commune> communes) =>
        Grains.ActivityOfAsync(communes);
}
