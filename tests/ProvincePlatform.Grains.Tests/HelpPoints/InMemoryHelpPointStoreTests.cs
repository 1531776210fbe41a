using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using ProvincePlatform.Benchmarks;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Tests.Citizens;

namespace ProvincePlatform.Grains.Tests.HelpPoints;

/// <summary>
/// The embedded store keeps what a change names and checks versions as the PostgreSQL store does, so that the
/// grain tests, which run on it, exercise the same conflicts.
/// </summary>
public sealed class InMemoryHelpPointStoreTests : IDisposable
{
    private static readonly SessionSlot s_evening = new(new DateOnly(2026, 12, 1), new TimeOnly(19, 0), new TimeOnly(20, 0));
    private readonly ServiceProvider _services = StateSerialisationBenchmarks.SerializerServices();
    private readonly InMemoryHelpPointStore _store;

    public InMemoryHelpPointStoreTests() => _store = new InMemoryHelpPointStore(_services.GetRequiredService<Serializer>());

    [Fact]
    public async Task A_help_point_never_stored_reads_as_none()
    {
        Assert.Null(await _store.ReadAsync("20527-1"));
    }

    [Fact]
    public async Task What_was_stored_reads_back_with_its_bookings_and_profile_version()
    {
        var version = await OpenAndBookAsync(out _);

        var stored = (await _store.ReadAsync("20527-1"))!;

        Assert.Equal(1, version);
        Assert.Equal(1, stored.ProfileVersion);
        Assert.Equal(TestHelpPoints.VillageHouse().Name, stored.State.Definition?.Name);
        Assert.Equal(BookingStatus.Confirmed, stored.State.LedgerOf("20527-1-b1")!.Find("20527-1-b1")!.Status);
    }

    [Fact]
    public async Task A_second_activation_cannot_overwrite_a_ledger_the_first_stored_since_it_read_it()
    {
        await OpenAndBookAsync(out _);
        var first = (await _store.ReadAsync("20527-1"))!;
        var second = (await _store.ReadAsync("20527-1"))!;
        await BookAsync(first, "20527-1-b2", citizen: 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => BookAsync(second, "20527-1-b3", citizen: 3));

        var ledger = (await _store.ReadAsync("20527-1"))!.State.Sessions[s_evening.Id];
        Assert.Equal(["20527-1-b1", "20527-1-b2"], ledger.Bookings.Select(booking => booking.Id));
    }

    [Fact]
    public async Task A_second_activation_cannot_overwrite_the_profile_and_nothing_of_its_change_is_kept()
    {
        await OpenAndBookAsync(out _);
        var first = (await _store.ReadAsync("20527-1"))!;
        var second = (await _store.ReadAsync("20527-1"))!;
        first.State.ProfileChanged();
        await _store.WriteAsync("20527-1", first.State, first.ProfileVersion, first.State.TakeChanges());

        second.State.ProfileChanged();
        var ledger = second.State.Sessions[s_evening.Id];
        ledger.Book("20527-1-b9", new BookingRequest(TestCitizens.Number(9), "birthRegistration", false), 6, s_evening.StartsAt.AddHours(-2));
        second.State.LedgerChanged(ledger);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.WriteAsync("20527-1", second.State, second.ProfileVersion, second.State.TakeChanges()));

        var stored = (await _store.ReadAsync("20527-1"))!;
        Assert.Equal(2, stored.ProfileVersion);
        Assert.Null(stored.State.LedgerOf("20527-1-b9"));
    }

    [Fact]
    public async Task Removed_sessions_are_gone_from_what_is_read()
    {
        await OpenAndBookAsync(out var state);
        state.Housekeep(s_evening.EndsAt + HelpPointState.Retention + TimeSpan.FromMinutes(1));
        await _store.WriteAsync("20527-1", state, 1, state.TakeChanges());

        var stored = (await _store.ReadAsync("20527-1"))!;

        Assert.Empty(stored.State.Sessions);
        Assert.Equal(1, stored.State.ArchivedFigures.Bookings);
    }

    public void Dispose() => _services.Dispose();

    private Task<int> OpenAndBookAsync(out HelpPointState state)
    {
        state = new HelpPointState { CommuneCode = "20527", Definition = TestHelpPoints.VillageHouse() };
        state.ProfileChanged();
        var ledger = new SessionLedger(s_evening);
        var booking = ledger.Book("20527-1-b1", new BookingRequest(TestCitizens.Number(1), "birthRegistration", false), 6, s_evening.StartsAt.AddHours(-2)).Value!;
        state.Placed(ledger, booking);
        return _store.WriteAsync("20527-1", state, 0, state.TakeChanges());
    }

    private Task<int> BookAsync(StoredHelpPoint stored, string bookingId, int citizen)
    {
        var ledger = stored.State.Sessions[s_evening.Id];
        var booking = ledger.Book(bookingId, new BookingRequest(TestCitizens.Number(citizen), "birthRegistration", false), 6, s_evening.StartsAt.AddHours(-2)).Value!;
        stored.State.Placed(ledger, booking);
        return _store.WriteAsync("20527-1", stored.State, stored.ProfileVersion, stored.State.TakeChanges());
    }
}
