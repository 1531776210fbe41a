using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Grains;

public static class ProvinceDomainServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the grains depend on besides Orleans: the commune register and the domain clock
    /// (see <see cref="ProvinceClock"/>).
    /// </summary>
    public static IServiceCollection AddProvinceDomain(
        this IServiceCollection services, CommuneDirectory directory, TimeProvider clock)
    {
        services.AddSingleton(directory);
        services.AddKeyedSingleton(ProvinceClock.ServiceKey, clock);
        return services;
    }
}
