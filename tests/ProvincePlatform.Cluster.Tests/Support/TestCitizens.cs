using System.Globalization;

namespace ProvincePlatform.Cluster.Tests.Support;

/// <summary>Valid, distinct CCCD numbers: Quảng Nam (049), a man born in the 1900s (0), in 1990 (90), then a counter.</summary>
public static class TestCitizens
{
    private static int s_next;

    public static string NewIdNumber() =>
        "049090" + Interlocked.Increment(ref s_next).ToString("D6", CultureInfo.InvariantCulture);
}
