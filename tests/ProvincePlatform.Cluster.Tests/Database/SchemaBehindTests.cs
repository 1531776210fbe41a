using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Database;

/// <summary>
/// A host whose database lacks migrations of its build (never migrated, or migrated by an older build) and is not
/// told to migrate stops at once naming what is missing, instead of failing later on a missing table.
/// </summary>
public sealed class SchemaBehindTests(OwnPostgresFixture postgres, ITestOutputHelper log) : IClassFixture<OwnPostgresFixture>
{
    [Fact]
    public async Task A_host_on_a_database_without_the_schema_exits_naming_the_missing_migrations()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Orleans"] = database,
            ["Citizens:LookupSecret"] = SiloCluster.LookupSecret,
        };

        await using var host = SiloProcess.Start("host (no schema)", settings, () => "");

        var exited = await host.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var output = host.Process.Output();
        log.WriteLine(output);
        Assert.True(exited, $"The host still runs 30 s after it was started on an empty database.\n{host.Process.Tail(60)}");
        Assert.NotEqual(0, host.Process.ExitCode);
        Assert.Contains("V001__orleans_clustering.sql", output, StringComparison.Ordinal);
        Assert.Contains("V004__audit_log.sql", output, StringComparison.Ordinal);
        Assert.Contains("Database:MigrateOnStart", output, StringComparison.Ordinal);
    }
}
