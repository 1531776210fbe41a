using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Telemetry;

namespace ProvincePlatform.Grains;

public static class ProvinceDomainServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the grains depend on besides Orleans and the portal client: the commune register, the domain
    /// clock (see <see cref="ProvinceClock"/>), the key that hides ID numbers from grain ids, the citizen index and the
    /// help point store (each in memory unless one is registered before), and the business metrics.
    /// </summary>
    public static IServiceCollection AddProvinceDomain(
        this IServiceCollection services, CommuneDirectory directory, TimeProvider clock, CitizenKeys citizenKeys)
    {
        services.AddSingleton(directory);
        services.AddKeyedSingleton(ProvinceClock.ServiceKey, clock);
        services.AddSingleton(citizenKeys);
        services.TryAddSingleton<ICitizenIndex, InMemoryCitizenIndex>();
        services.TryAddSingleton<IHelpPointStore>(provider => new InMemoryHelpPointStore(provider.GetRequiredService<Serializer>()));
        services.AddOptions<Requests.SubmissionOptions>();
        services.AddMetrics();
        services.AddSingleton(provider => new ProvinceMetrics(
            provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredKeyedService<TimeProvider>(ProvinceClock.ServiceKey)));
        return services;
    }
}
