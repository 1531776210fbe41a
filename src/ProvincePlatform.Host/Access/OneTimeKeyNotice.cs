namespace ProvincePlatform.Host.Access;

/// <summary>
/// On the embedded default with no client configured, prints the key made up for this run, once, to the console
/// (not to the logs, which may be shipped elsewhere), so that whoever started the host can call it.
/// </summary>
public sealed class OneTimeKeyNotice(GatewayClients clients, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (clients.OneTimeKey is { } key)
        {
            lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine(
                $"No {GatewayClients.SectionName} configured: this run's ProvinceAdmin key is {key} (header {ApiKeys.HeaderName})."));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
