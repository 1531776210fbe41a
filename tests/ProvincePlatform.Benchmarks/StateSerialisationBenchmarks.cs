using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using ProvincePlatform.Grains.HelpPoints;
using ProvincePlatform.Grains.Stats;

namespace ProvincePlatform.Benchmarks;

/// <summary>
/// Stored state through Orleans' serializer, as the grain storage writes and reads it (see
/// tests/ProvincePlatform.Grains.Tests/Cluster/SharedGrainStorage.cs): the retained working state of a busy village
/// house and a commune's stats after a year. The payload sizes are printed by the setup and kept in
/// <see cref="HelpPointStateBytes"/> and <see cref="CommuneStatsStateBytes"/>.
/// </summary>
[MemoryDiagnoser]
public class StateSerialisationBenchmarks
{
#pragma warning disable CA2213 // BenchmarkDotNet owns the benchmark's lifetime: [GlobalCleanup] disposes it, not IDisposable.
    private ServiceProvider _services = null!;
#pragma warning restore CA2213
    private Serializer _serializer = null!;
    private HelpPointState _helpPoint = null!;
    private CommuneStatsState _stats = null!;

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
        _stats = Scenarios.CommuneYear();
        HelpPointStateBytes = _serializer.SerializeToArray(_helpPoint).Length;
        CommuneStatsStateBytes = _serializer.SerializeToArray(_stats).Length;
        Console.WriteLine($"// Serialized HelpPointState (30 days × 8 bookings): {HelpPointStateBytes:N0} bytes");
        Console.WriteLine($"// Serialized CommuneStatsState (6 help points × 1 year): {CommuneStatsStateBytes:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public byte[] SerializeHelpPointState() => _serializer.SerializeToArray(_helpPoint);

    [Benchmark]
    public HelpPointState RoundTripHelpPointState() =>
        _serializer.Deserialize<HelpPointState>(_serializer.SerializeToArray(_helpPoint))!;

    [Benchmark]
    public byte[] SerializeCommuneStatsState() => _serializer.SerializeToArray(_stats);

    [Benchmark]
    public CommuneStatsState RoundTripCommuneStatsState() =>
        _serializer.Deserialize<CommuneStatsState>(_serializer.SerializeToArray(_stats))!;
}
