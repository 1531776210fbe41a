using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Contracts.Common;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Persistence.HelpPoints;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.HelpPoints;

/// <summary>
/// Help points as rows in PostgreSQL, each test on a fresh database migrated as a silo migrates it: what is stored
/// reads back, a booking writes its session's row alone, a writer that read an older version is refused and leaves
/// nothing of its change behind, and a database that cannot be read fails with the exception grains understand.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHelpPointStoreTests(PostgresServerFixture postgres) : IDisposable
{
    private const string HelpPointId = "20527-1";
    private static readonly SessionSlot s_evening = new(new DateOnly(2026, 12, 1), new TimeOnly(19, 0), new TimeOnly(20, 0));
    private static readonly SessionSlot s_nextEvening = new(new DateOnly(2026, 12, 2), new TimeOnly(19, 0), new TimeOnly(20, 0));
    private static readonly SessionSlot s_thirdEvening = new(new DateOnly(2026, 12, 3), new TimeOnly(19, 0), new TimeOnly(20, 0));

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(HelpPointState).Assembly))
        .BuildServiceProvider();

    [Fact]
    public async Task An_opened_help_point_reads_back_with_its_bookings_and_profile_version()
    {
        var (store, _) = await NewStoreAsync();
        await OpenWithBookingAsync(store);

        var stored = (await store.ReadAsync(HelpPointId))!;

        Assert.Equal(1, stored.ProfileVersion);
        Assert.Equal("Nhà văn hóa thôn Tây Sơn", stored.State.Definition?.Name);
        Assert.Equal(BookingStatus.Confirmed, stored.State.LedgerOf("20527-1-b1")!.Find("20527-1-b1")!.Status);
        Assert.Null(await store.ReadAsync("20527-2"));
    }

    [Fact]
    public async Task A_booking_rewrites_its_sessions_row_alone()
    {
        var (store, database) = await NewStoreAsync();
        await OpenWithBookingAsync(store);
        var stored = (await store.ReadAsync(HelpPointId))!;
        const string Rows = "SELECT session_id || ' ' || change_sequence || ' ' || xmin::text FROM province_session_ledgers ORDER BY session_id";
        var profileBefore = await Sql.RowsAsync(database, "SELECT version || ' ' || xmin::text FROM province_help_points");
        var ledgersBefore = await Sql.RowsAsync(database, Rows);

        var version = await BookAsync(store, stored, s_nextEvening, "20527-1-b2", citizen: 2);

        Assert.Equal(1, version);
        Assert.Equal(profileBefore, await Sql.RowsAsync(database, "SELECT version || ' ' || xmin::text FROM province_help_points"));
        var ledgersAfter = await Sql.RowsAsync(database, Rows);
        Assert.Equal(ledgersBefore[0], ledgersAfter[0]);
        Assert.NotEqual(ledgersBefore[1], ledgersAfter[1]);
        Assert.Equal(2, (await store.ReadAsync(HelpPointId))!.State.Sessions[s_nextEvening.Id].Bookings.Count);
    }

    [Fact]
    public async Task A_second_activation_cannot_overwrite_a_ledger_stored_since_it_read_it()
    {
        var (store, _) = await NewStoreAsync();
        await OpenWithBookingAsync(store);
        var first = (await store.ReadAsync(HelpPointId))!;
        var second = (await store.ReadAsync(HelpPointId))!;
        await BookAsync(store, first, s_evening, "20527-1-b2", citizen: 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => BookAsync(store, second, s_evening, "20527-1-b3", citizen: 3));

        var ledger = (await store.ReadAsync(HelpPointId))!.State.Sessions[s_evening.Id];
        Assert.Equal(["20527-1-b1", "20527-1-b2"], ledger.Bookings.Select(booking => booking.Id));
    }

    [Fact]
    public async Task Two_first_bookings_of_one_session_from_two_activations_keep_only_the_first()
    {
        var (store, _) = await NewStoreAsync();
        await OpenWithBookingAsync(store);
        var first = (await store.ReadAsync(HelpPointId))!;
        var second = (await store.ReadAsync(HelpPointId))!;
        await BookAsync(store, first, s_thirdEvening, "20527-1-b2", citizen: 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => BookAsync(store, second, s_thirdEvening, "20527-1-b3", citizen: 3));

        Assert.Equal(["20527-1-b2"], (await store.ReadAsync(HelpPointId))!.State.Sessions[s_thirdEvening.Id].Bookings.Select(booking => booking.Id));
    }

    [Fact]
    public async Task A_refused_change_of_several_rows_leaves_none_of_them_changed()
    {
        var (store, database) = await NewStoreAsync();
        await OpenWithBookingAsync(store);
        var first = (await store.ReadAsync(HelpPointId))!;
        var second = (await store.ReadAsync(HelpPointId))!;
        await BookAsync(store, first, s_evening, "20527-1-b2", citizen: 2);
        const string Rows = "SELECT 'p ' || version || ' ' || xmin::text FROM province_help_points UNION ALL SELECT 'l ' || session_id || ' ' || xmin::text FROM province_session_ledgers ORDER BY 1";
        var before = await Sql.RowsAsync(database, Rows);

        // A closure from the stale activation: the profile row is current, the ledger row is not.
        second.State.Closures[s_evening.Date] = "Mất điện";
        second.State.Sessions[s_evening.Id].CancelByHelpPoint();
        second.State.LedgerChanged(second.State.Sessions[s_evening.Id]);
        second.State.ProfileChanged();
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(HelpPointId, second.State, second.ProfileVersion, second.State.TakeChanges()));

        Assert.Equal(before, await Sql.RowsAsync(database, Rows));
        Assert.Empty((await store.ReadAsync(HelpPointId))!.State.Closures);
    }

    [Fact]
    public async Task A_second_first_write_of_a_help_point_is_refused()
    {
        var (store, _) = await NewStoreAsync();
        await OpenWithBookingAsync(store);

        await Assert.ThrowsAsync<InconsistentStateException>(() => OpenWithBookingAsync(store, computers: 3));

        Assert.Equal(6, (await store.ReadAsync(HelpPointId))!.State.Definition?.Computers);
    }

    [Fact]
    public async Task Sessions_leaving_the_working_state_are_deleted_with_the_profile_written_beside_them()
    {
        var (store, database) = await NewStoreAsync();
        await OpenWithBookingAsync(store);
        var stored = (await store.ReadAsync(HelpPointId))!;

        stored.State.Housekeep(s_nextEvening.EndsAt + HelpPointState.Retention + TimeSpan.FromMinutes(1));
        var version = await store.WriteAsync(HelpPointId, stored.State, stored.ProfileVersion, stored.State.TakeChanges());

        Assert.Equal(2, version);
        Assert.Equal(0, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM province_session_ledgers"));
        var read = (await store.ReadAsync(HelpPointId))!;
        Assert.Empty(read.State.Sessions);
        Assert.Equal(2, read.State.ArchivedFigures.Bookings);
    }

    [Fact]
    public async Task A_database_without_the_tables_fails_reads_as_storage_unavailable()
    {
        var store = new PostgresHelpPointStore(await postgres.CreateDatabaseAsync(), Serializer);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync(HelpPointId));
    }

    public void Dispose() => _services.Dispose();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    private async Task<(PostgresHelpPointStore Store, string Database)> NewStoreAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        return (new PostgresHelpPointStore(database, Serializer), database);
    }

    /// <summary>Opens the help point with a booking in each of two evenings, as one first write.</summary>
    private static Task<int> OpenWithBookingAsync(PostgresHelpPointStore store, int computers = 6)
    {
        var definition = new HelpPointDefinition(
            "Nhà văn hóa thôn Tây Sơn", HelpPointKind.VillageHouse, "Thôn Tây Sơn, xã Đại Thạnh", computers,
            [new OpeningPeriod([.. Enum.GetValues<DayOfWeek>()], new(19, 0), new(20, 0))]);
        var state = new HelpPointState { CommuneCode = "20527", Definition = definition };
        state.ProfileChanged();
        Place(state, new SessionLedger(s_evening), "20527-1-b1", citizen: 1);
        Place(state, new SessionLedger(s_nextEvening), "20527-1-b9", citizen: 9);
        return store.WriteAsync(HelpPointId, state, 0, state.TakeChanges());
    }

    private static Task<int> BookAsync(PostgresHelpPointStore store, StoredHelpPoint stored, SessionSlot slot, string bookingId, int citizen)
    {
        Place(stored.State, stored.State.Sessions.GetValueOrDefault(slot.Id) ?? new SessionLedger(slot), bookingId, citizen);
        return store.WriteAsync(HelpPointId, stored.State, stored.ProfileVersion, stored.State.TakeChanges());
    }

    private static void Place(HelpPointState state, SessionLedger ledger, string bookingId, int citizen)
    {
        var request = new BookingRequest(new Citizen($"049090{citizen:D6}", $"Nguyễn Văn Thử {citizen}", $"0905{citizen:D6}"), "birthRegistration", false);
        state.Placed(ledger, ledger.Book(bookingId, request, 6, ledger.StartsAt.AddHours(-2)).Value!);
    }
}
