namespace ProvincePlatform.Grains.Communes;

/// <summary>A commune-level administrative unit (xã, phường, thị trấn) of the official register.</summary>
public sealed record Commune(
    string Code,
    string Name,
    string Type,
    string DistrictCode,
    string DistrictName,
    string ProvinceCode,
    string ProvinceName);
