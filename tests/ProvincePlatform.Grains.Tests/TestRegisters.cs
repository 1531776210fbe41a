using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Grains.Tests;

/// <summary>The registers shipped under deploy/seed, loaded once per test run.</summary>
public static class TestRegisters
{
    private static readonly Lazy<CommuneDirectory> s_quangNam = new(() => Load("quang-nam-communes.csv"));
    private static readonly Lazy<CommuneDirectory> s_vietnam = new(() => Load("vietnam-communes-2025-03.csv"));

    public static CommuneDirectory QuangNam => s_quangNam.Value;

    public static CommuneDirectory Vietnam => s_vietnam.Value;

    private static CommuneDirectory Load(string file) => CommuneDirectory.Load(Path.Combine(AppContext.BaseDirectory, "seed", file));
}
