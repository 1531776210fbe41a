using System.Globalization;

namespace ProvincePlatform.LoadTest;

/// <summary>
/// Made-up citizens the contract accepts: a 12-digit CCCD number (a province code of the register, a sex and
/// century digit, a birth year not in the future, six random digits), a Vietnamese mobile number and a Vietnamese
/// name. They are random, not anyone's; still, the load test never prints or logs them.
/// </summary>
public static class Citizens
{
    /// <summary>Province codes of the 2025-03 register (Hà Nội, Hải Phòng, Quảng Nam, Đà Nẵng, Huế, Khánh Hòa, Hồ Chí Minh…).</summary>
    private static readonly string[] s_provinces = ["001", "031", "046", "048", "049", "056", "075", "079", "089", "092"];
    private static readonly string[] s_families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"];
    private static readonly string[] s_middles = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức"];
    private static readonly string[] s_givens = ["An", "Bình", "Châu", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Quân", "Thảo", "Tuấn", "Yến"];

    public static object New(Random random) => new
    {
        idNumber = IdNumber(random),
        fullName = $"{Pick(random, s_families)} {Pick(random, s_middles)} {Pick(random, s_givens)}",
        phone = "09" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
    };

    public static string IdNumber(Random random)
    {
        // 0 and 1: born in the 1900s (any year); 2 and 3: born in the 2000s, up to 2020 so never in the future.
        var sexCentury = random.Next(0, 4);
        var year = sexCentury < 2 ? random.Next(30, 100) : random.Next(0, 21);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Pick(random, s_provinces)}{sexCentury}{year:D2}{random.Next(0, 1_000_000):D6}");
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
