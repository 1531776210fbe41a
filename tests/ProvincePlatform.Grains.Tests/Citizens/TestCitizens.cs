using System.Globalization;
using ProvincePlatform.Contracts.Bookings;

namespace ProvincePlatform.Grains.Tests.Citizens;

/// <summary>Valid, distinct made-up citizens: born in Quảng Nam (049) in 1990.</summary>
public static class TestCitizens
{
    public static Citizen Number(int n) => new(
        $"049090{n.ToString("D6", CultureInfo.InvariantCulture)}",
        $"Nguyễn Văn Thử {n}",
        $"0905{n.ToString("D6", CultureInfo.InvariantCulture)}");
}
