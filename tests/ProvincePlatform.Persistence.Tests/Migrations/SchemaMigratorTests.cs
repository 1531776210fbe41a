using Microsoft.Extensions.Logging.Abstractions;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Migrations;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresServerFixture postgres)
{
    /// <summary>Every query key that the Orleans 10.4.2 ADO.NET providers read (CleanupDefunctSiloEntryKey and DeleteStorageKey are optional there).</summary>
    public static readonly string[] OrleansQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "UpsertReminderRowKey", "WriteToStorageKey",
    ];

    [Fact]
    public void The_assembly_embeds_the_migrations_of_deploy_sql_in_version_order()
    {
        var files = Directory.GetFiles(Repository.SqlDirectory, "V*.sql")
            .Select(path => (Path.GetFileName(path), SchemaScripts.Checksum(File.ReadAllBytes(path))))
            .Order()
            .ToArray();

        Assert.Equal(files, SchemaScripts.Migrations.Select(migration => (migration.FileName, migration.Checksum)));
        Assert.Equal([1, 2, 3, 4, 5, 6], SchemaScripts.Migrations.Select(migration => migration.Version));
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.SqlDirectory, SchemaScripts.LedgerFileName)), SchemaScripts.Ledger);
    }

    [Fact]
    public async Task Applies_every_migration_to_an_empty_database_and_records_it()
    {
        var database = await postgres.CreateDatabaseAsync();

        var applied = await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);

        Assert.Equal(SchemaScripts.Migrations, applied);
        Assert.Equal(
            SchemaScripts.Migrations.Select(migration => $"{migration.Version} | {migration.Name} | {migration.Checksum}"),
            await Sql.RowsAsync(database, "SELECT version, name, checksum FROM province_schema_migrations ORDER BY version"));
        Assert.Equal(OrleansQueryKeys, await Sql.RowsAsync(database, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\""));
    }

    [Fact]
    public async Task Applying_again_changes_nothing()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        var catalog = await Sql.CatalogAsync(database);

        var second = await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        Assert.Empty(second);
        Assert.Equal(catalog, await Sql.CatalogAsync(database));

        // The scripts themselves are idempotent too, as when a DBA runs one again by hand past the ledger:
        // no table is made again, no query row is rewritten.
        foreach (var migration in SchemaScripts.Migrations)
        {
            await Sql.ExecuteAsync(database, migration.Script);
        }

        Assert.Equal(catalog, await Sql.CatalogAsync(database));
    }

    [Fact]
    public async Task Refuses_to_go_on_when_an_applied_migration_has_changed()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        await Sql.ExecuteAsync(database, """
            UPDATE province_schema_migrations SET checksum = 'checksum-of-an-older-edit' WHERE version = 2;
            DELETE FROM province_schema_migrations WHERE version = 3;
            """);

        var refusal = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.ApplyAsync(database, NullLogger.Instance));

        Assert.Contains("V002__orleans_persistence.sql was applied with checksum checksum-of-an-older-edit", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "4", "5", "6"], await Sql.RowsAsync(database, "SELECT version FROM province_schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_once()
    {
        var database = await postgres.CreateDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(database, NullLogger.Instance))));

        Assert.Equal(SchemaScripts.Migrations, runs.SelectMany(applied => applied).OrderBy(migration => migration.Version));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], await Sql.RowsAsync(database, "SELECT version FROM province_schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task The_dba_script_and_the_migrator_keep_one_ledger()
    {
        var byScript = await postgres.CreateDatabaseAsync();
        var byMigrator = await postgres.CreateDatabaseAsync();

        var first = await Repository.ApplyMigrationsScriptAsync(byScript);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("V003__orleans_reminders.sql: applied", first.Output, StringComparison.Ordinal);
        Assert.Empty(await SchemaMigrator.ApplyAsync(byScript, NullLogger.Instance));
        var again = await Repository.ApplyMigrationsScriptAsync(byScript);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("V001__orleans_clustering.sql: already applied", again.Output, StringComparison.Ordinal);

        await SchemaMigrator.ApplyAsync(byMigrator, NullLogger.Instance);
        Assert.Equal(0, (await Repository.ApplyMigrationsScriptAsync(byMigrator)).ExitCode);

        Assert.Equal(
            await Sql.CatalogAsync(byMigrator, withIdentities: false, withLedger: false),
            await Sql.CatalogAsync(byScript, withIdentities: false, withLedger: false));
        const string Ledger = "SELECT version, name, checksum FROM province_schema_migrations ORDER BY version";
        Assert.Equal(await Sql.RowsAsync(byMigrator, Ledger), await Sql.RowsAsync(byScript, Ledger));
    }

    [Fact]
    public async Task The_dba_script_refuses_to_go_on_when_an_applied_migration_has_changed()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        await Sql.ExecuteAsync(database, """
            UPDATE province_schema_migrations SET checksum = 'checksum-of-an-older-edit' WHERE version = 1;
            DELETE FROM province_schema_migrations WHERE version = 3;
            """);

        var run = await Repository.ApplyMigrationsScriptAsync(database);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("V001__orleans_clustering.sql has been edited since it was applied", run.Output, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "4", "5", "6"], await Sql.RowsAsync(database, "SELECT version FROM province_schema_migrations ORDER BY version"));
    }
}
