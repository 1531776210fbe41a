namespace ProvincePlatform.Host.Tests.Support;

/// <summary>A commune of a register under deploy/seed, as the CSV lists it.</summary>
public sealed record RegisterCommune(string Code, string Name, string DistrictCode, string DistrictName);

/// <summary>The registers shipped under deploy/seed: Quảng Nam's, which the fixture loads, and the country's.</summary>
public static class Registers
{
    private static readonly Lazy<IReadOnlyList<RegisterCommune>> s_quangNam = new(() => Load("quang-nam-communes.csv"));
    private static readonly Lazy<IReadOnlyList<RegisterCommune>> s_vietnam = new(() => Load("vietnam-communes-2025-03.csv"));

    /// <summary>Quảng Nam's 234 communes in register order.</summary>
    public static IReadOnlyList<RegisterCommune> QuangNam => s_quangNam.Value;

    /// <summary>The country's 10,047 communes, which the test host does not load.</summary>
    public static IReadOnlyList<RegisterCommune> Vietnam => s_vietnam.Value;

    // province_code,province_name,district_code,district_name,district_type,commune_code,commune_name,commune_type; no quoting.
    private static List<RegisterCommune> Load(string file) =>
    [
        .. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "seed", file)).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(cells => new RegisterCommune(cells[5], cells[6], cells[2], cells[3])),
    ];
}
