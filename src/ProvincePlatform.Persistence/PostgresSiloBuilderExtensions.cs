using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Persistence.Citizens;
using ProvincePlatform.Persistence.HelpPoints;

namespace ProvincePlatform.Persistence;

public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name under which Orleans finds Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Keeps the cluster in PostgreSQL: membership (clustering), the grain storage named
    /// <paramref name="storageName"/> and reminders through Orleans' ADO.NET providers, and the help points and the
    /// citizen index as tables of their own, all in the database of <paramref name="connectionString"/>. The database needs the schema of deploy/sql, which
    /// <see cref="Migrations.SchemaMigrator"/> applies.
    /// Grain state is stored with Orleans' own serializer rather than JSON: it is version tolerant by design (members
    /// are matched by their [Id], unknown ones skipped, missing ones defaulted) and names types by their [Alias], so a
    /// rolling upgrade that adds members or moves a class to another namespace still reads what the old silos wrote.
    /// </summary>
    public static ISiloBuilder UsePostgres(this ISiloBuilder silo, string connectionString, string storageName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        connectionString = PostgresConnections.Tuned(connectionString);
        silo.UseAdoNetClustering((AdoNetClusteringSiloOptions options) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(storageName, (AdoNetGrainStorageOptions options) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(storageName)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseAdoNetReminderService((AdoNetReminderTableOptions options) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.Services.Replace(ServiceDescriptor.Singleton<IHelpPointStore>(services =>
            new PostgresHelpPointStore(connectionString, services.GetRequiredService<Serializer>())));
        silo.Services.Replace(ServiceDescriptor.Singleton<ICitizenIndex>(services =>
            new PostgresCitizenIndex(connectionString, services.GetRequiredService<ILogger<PostgresCitizenIndex>>())));
        return silo;
    }
}
