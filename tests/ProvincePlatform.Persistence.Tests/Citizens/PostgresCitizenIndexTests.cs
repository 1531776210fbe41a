using Microsoft.Extensions.Logging.Abstractions;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Persistence.Citizens;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Citizens;

/// <summary>
/// The citizen index in PostgreSQL, each test on a fresh database migrated as a silo migrates it: entries come back
/// by citizen in the order they were added, a repeat changes nothing, concurrent additions are group-committed
/// without losing one, and a database that cannot take them fails the callers with the exception grains understand.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCitizenIndexTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_citizens_bookings_and_requests_come_back_in_the_order_they_were_added_and_no_one_elses()
    {
        await using var index = NewIndex(await MigratedDatabaseAsync());
        await index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b2");
        await index.AddAsync("citizen-a", CitizenResource.Request, "20527-r1");
        await index.AddAsync("citizen-b", CitizenResource.Booking, "20527-1-b3");
        await index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1");

        var footprint = await index.FindAsync("citizen-a");

        Assert.Equal(["20527-1-b2", "20527-1-b1"], footprint.BookingIds.ToArray());
        Assert.Equal(["20527-r1"], footprint.RequestIds.ToArray());
        Assert.Empty((await index.FindAsync("citizen-c")).BookingIds);
    }

    [Fact]
    public async Task Adding_an_entry_again_keeps_one()
    {
        var database = await MigratedDatabaseAsync();
        await using var index = NewIndex(database);

        await Task.WhenAll(index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1"), index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1"));
        await index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1");

        Assert.Equal(["20527-1-b1"], (await index.FindAsync("citizen-a")).BookingIds.ToArray());
        Assert.Equal(1, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM province_citizen_index"));
    }

    [Fact]
    public async Task Five_hundred_concurrent_additions_are_all_kept_in_far_fewer_transactions()
    {
        const int Additions = 500;
        var database = await MigratedDatabaseAsync();
        await using var index = NewIndex(database);

        await Task.WhenAll(Enumerable.Range(0, Additions)
            .Select(n => Task.Run(() => index.AddAsync($"citizen-{n % 50}", CitizenResource.Booking, $"20527-1-b{n}")))).WaitAsync(s_bound);

        var found = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => index.FindAsync($"citizen-{n}")));
        Assert.All(found, footprint => Assert.Equal(Additions / 50, footprint.BookingIds.Length));
        var transactions = await Sql.ScalarAsync<long>(database, "SELECT count(DISTINCT xmin::text) FROM province_citizen_index");
        Assert.True(transactions <= Additions / 10, $"{Additions} additions took {transactions} transactions.");
    }

    [Fact]
    public async Task A_database_without_the_table_fails_additions_and_lookups_as_storage_unavailable_then_recovers()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var index = NewIndex(database);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1").WaitAsync(s_bound));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => index.FindAsync("citizen-a"));

        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        await index.AddAsync("citizen-a", CitizenResource.Request, "20527-r1").WaitAsync(s_bound);
        Assert.Equal(["20527-r1"], (await index.FindAsync("citizen-a")).RequestIds.ToArray());
    }

    [Fact]
    public async Task DisposeAsync_stores_the_additions_still_queued_and_refuses_later_ones()
    {
        const int Additions = 200;
        var database = await MigratedDatabaseAsync();
        var index = NewIndex(database);

        var additions = Enumerable.Range(0, Additions).Select(n => index.AddAsync("citizen-a", CitizenResource.Booking, $"20527-1-b{n}")).ToList();
        await index.DisposeAsync().AsTask().WaitAsync(s_bound);

        Assert.All(additions, addition => Assert.True(addition.IsCompletedSuccessfully, $"An addition ended {addition.Status}."));
        Assert.Equal(Additions, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM province_citizen_index"));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-late"));
    }

    private static PostgresCitizenIndex NewIndex(string connectionString) => new(connectionString, NullLogger<PostgresCitizenIndex>.Instance);

    private async Task<string> MigratedDatabaseAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        return database;
    }
}
