using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Providers;

/// <summary>The reminder queries of V003 as Orleans' own ADO.NET reminder table uses them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderTableTests(PostgresServerFixture postgres)
{
    private static readonly DateTime s_start = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_reminder_s_etag_changes_on_every_upsert_and_guards_its_removal()
    {
        await using var reminders = await CreateTableAsync("etags");
        var grainId = GrainId.Create("note", "etags");
        var month = TimeSpan.FromDays(30);

        var first = await reminders.Table.UpsertRow(Reminder(grainId, "monthly-report", month));
        var second = await reminders.Table.UpsertRow(Reminder(grainId, "monthly-report", month));
        await reminders.Table.UpsertRow(Reminder(grainId, "daily-check", TimeSpan.FromDays(1)));

        Assert.NotEqual(first, second);
        var read = await reminders.Table.ReadRow(grainId, "monthly-report");
        Assert.NotNull(read);
        Assert.Equal((grainId, "monthly-report", s_start, month, second), (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Equal(["daily-check", "monthly-report"], (await reminders.Table.ReadRows(grainId)).Reminders.Select(reminder => reminder.ReminderName).Order());

        Assert.False(await reminders.Table.RemoveRow(grainId, "monthly-report", first!));
        Assert.True(await reminders.Table.RemoveRow(grainId, "monthly-report", second!));
        Assert.Null(await reminders.Table.ReadRow(grainId, "monthly-report"));
    }

    [Fact]
    public async Task A_ring_range_holds_exactly_the_reminders_whose_grain_hash_falls_in_it()
    {
        await using var reminders = await CreateTableAsync("ring");
        var grains = Enumerable.Range(0, 200).Select(i => GrainId.Create("note", $"ring-{i}")).ToArray();
        foreach (var grainId in grains)
        {
            await reminders.Table.UpsertRow(Reminder(grainId, "tick", TimeSpan.FromMinutes(5)));
        }

        var hashes = grains.Select(grainId => grainId.GetUniformHashCode()).Order().ToArray();
        var random = new Random(4);
        (uint Begin, uint End)[] ranges =
        [
            (0, 0), // the whole ring
            (0, uint.MaxValue),
            (0x1000_0000, 0x7000_0000), // positive when signed
            (0x9000_0000, 0xF000_0000), // negative when signed
            (0x6000_0000, 0xA000_0000), // crosses from positive to negative when signed
            (0xF000_0000, 0x1000_0000), // wraps past uint.MaxValue, not when signed
            (0xA000_0000, 0x6000_0000), // wraps past uint.MaxValue and when signed
            (hashes[10], hashes[50]), // begin excluded, end included
            (hashes[150], hashes[20]),
            .. Enumerable.Range(0, 20).Select(_ => ((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32))),
        ];

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(grainId => InRange(grainId.GetUniformHashCode(), begin, end)).Order();
            var found = (await reminders.Table.ReadRows(begin, end)).Reminders.Select(reminder => reminder.GrainId).Order();
            Assert.True(expected.SequenceEqual(found), $"Range ({begin:X8}, {end:X8}]: expected {expected.Count()} reminders, found {found.Count()}.");
        }
    }

    [Fact]
    public async Task Clearing_the_table_removes_one_service_s_reminders_only()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        await using var ours = await CreateTableAsync("ours", database);
        await using var theirs = await CreateTableAsync("theirs", database);
        var grainId = GrainId.Create("note", "cleared");
        await ours.Table.UpsertRow(Reminder(grainId, "tick", TimeSpan.FromMinutes(5)));
        await theirs.Table.UpsertRow(Reminder(grainId, "tick", TimeSpan.FromMinutes(5)));

        await ours.Table.TestOnlyClearTable();

        Assert.Empty((await ours.Table.ReadRows(grainId)).Reminders);
        Assert.Single((await theirs.Table.ReadRows(grainId)).Reminders);
    }

    /// <summary>Orleans' ring range (begin, end]: it wraps when begin is not below end, and is the whole ring when they are equal.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Reminder(GrainId grainId, string name, TimeSpan period) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = s_start,
        Period = period,
    };

    private async Task<ReminderTable> CreateTableAsync(string serviceId, string? database = null)
    {
        if (database is null)
        {
            database = await postgres.CreateDatabaseAsync();
            await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = "reminder-tests";
            options.ServiceId = serviceId;
        });
        services.UseAdoNetReminderService(options => options.Configure(reminders =>
        {
            reminders.Invariant = PostgresSiloBuilderExtensions.Invariant;
            reminders.ConnectionString = database;
        }));
        var provider = services.BuildServiceProvider();
        var table = provider.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return new ReminderTable(provider, table);
    }

    private sealed record ReminderTable(ServiceProvider Provider, IReminderTable Table) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }
}
