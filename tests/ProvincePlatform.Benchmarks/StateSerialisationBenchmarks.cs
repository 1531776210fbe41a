using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Stats;

namespace ProvincePlatform.Benchmarks;

/// <summary>
/// Stored state through Orleans' serializer, as the stores write and read it: for a busy village house (30 days of
/// ledgers, 8 bookings each), what a booking writes (its session's ledger), what an activation reads (the profile and
/// every ledger, restored), and, for comparison, the whole state every booking wrote before ledgers had rows; and a
/// commune's stats after a year. The payload sizes are printed by the setup and kept in the *Bytes properties.
/// </summary>
[MemoryDiagnoser]
public class StateSerialisationBenchmarks
{
#pragma warning disable CA2213 // BenchmarkDotNet owns the benchmark's lifetime: [GlobalCleanup] disposes it, not IDisposable.
    private ServiceProvider _services = null!;
#pragma warning restore CA2213
    private Serializer _serializer = null!;
    private HelpPointState _helpPoint = null!;
    private SessionLedger _lastSession = null!;
    private byte[] _profileRow = null!;
    private byte[][] _ledgerRows = null!;
    private CommuneStatsState _stats = null!;

    public int SessionLedgerBytes { get; private set; }

    public int HelpPointRowsBytes { get; private set; }

    public int HelpPointStateBytes { get; private set; }

    public int CommuneStatsStateBytes { get; private set; }

    /// <summary>Creates a serializer that knows the grains' stored types, as a silo's does.</summary>
    public static ServiceProvider SerializerServices() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(HelpPointState).Assembly))
            .BuildServiceProvider();

    [GlobalSetup]
    public void Setup()
    {
        _services = SerializerServices();
        _serializer = _services.GetRequiredService<Serializer>();
        _helpPoint = Scenarios.BusyVillageHouse();
        _lastSession = _helpPoint.Sessions.Values.MaxBy(ledger => ledger.StartsAt)!;
        _profileRow = _serializer.SerializeToArray(_helpPoint.Profile());
        _ledgerRows = [.. _helpPoint.Sessions.Values.Select(_serializer.SerializeToArray)];
        _stats = Scenarios.CommuneYear();
        SessionLedgerBytes = SerializeBookingWrite().Length;
        HelpPointRowsBytes = _profileRow.Length + _ledgerRows.Sum(row => row.Length);
        HelpPointStateBytes = SerializeWholeHelpPointState().Length;
        CommuneStatsStateBytes = _serializer.SerializeToArray(_stats).Length;
        Console.WriteLine($"// Serialized SessionLedger (8 bookings), what a booking writes: {SessionLedgerBytes:N0} bytes");
        Console.WriteLine($"// Serialized profile and 30 ledgers, what an activation reads: {HelpPointRowsBytes:N0} bytes");
        Console.WriteLine($"// Serialized whole HelpPointState, what a booking wrote before ledgers had rows: {HelpPointStateBytes:N0} bytes");
        Console.WriteLine($"// Serialized CommuneStatsState (6 help points × 1 year): {CommuneStatsStateBytes:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>What a booking stores: its session's ledger.</summary>
    [Benchmark(Baseline = true)]
    public byte[] SerializeBookingWrite() => _serializer.SerializeToArray(_lastSession);

    /// <summary>What an activation reads: the profile row and every ledger row, restored into one state.</summary>
    [Benchmark]
    public HelpPointState ReadHelpPointRows()
    {
        var state = _serializer.Deserialize<HelpPointState>(_profileRow)!;
        state.Restore(_ledgerRows.Select(row => _serializer.Deserialize<SessionLedger>(row)!));
        return state;
    }

    /// <summary>What every booking stored before ledgers had rows of their own.</summary>
    [Benchmark]
    public byte[] SerializeWholeHelpPointState() => _serializer.SerializeToArray(_helpPoint);

    [Benchmark]
    public byte[] SerializeCommuneStatsState() => _serializer.SerializeToArray(_stats);

    [Benchmark]
    public CommuneStatsState RoundTripCommuneStatsState() =>
        _serializer.Deserialize<CommuneStatsState>(_serializer.SerializeToArray(_stats))!;
}
